package io.sessionflow.store.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP proxy in front of a server that can be frozen, as a SIGSTOPped server is: connections stay open, nothing
 * passes in either direction and the proxy stops reading, so the client's writes fill the socket buffers and then
 * block. It can freeze after a number of further client bytes, to freeze in the middle of a write.
 *
 * <p>Thread-safe: one accepting thread, two pumping threads per connection, state under one monitor.
 */
final class FreezingProxy implements AutoCloseable {

    /** What the proxy leaves the kernel to buffer per connection: small, so that a blocked client blocks soon. */
    private static final int BUFFER = 8 * 1024;

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new ArrayList<>();
    private final Object gate = new Object();
    private boolean frozen;
    private long budget = Long.MAX_VALUE;
    private boolean closed;

    FreezingProxy(String host, int port) throws IOException {
        target = new InetSocketAddress(host, port);
        server = new ServerSocket();
        server.setReceiveBufferSize(BUFFER);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread accept = new Thread(this::acceptLoop, "freezing proxy accept");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Freezes once the client has sent {@code bytes} more bytes; 0 freezes at its next byte. */
    void freezeAfter(long bytes) {
        synchronized (gate) {
            budget = bytes;
        }
    }

    void thaw() {
        synchronized (gate) {
            frozen = false;
            budget = Long.MAX_VALUE;
            gate.notifyAll();
        }
    }

    private void acceptLoop() {
        while (true) {
            Socket client;
            Socket upstream;
            try {
                client = server.accept();
                upstream = new Socket(target.getAddress(), target.getPort());
            } catch (IOException e) {
                return;
            }
            synchronized (gate) {
                sockets.add(client);
                sockets.add(upstream);
            }
            pump(client, upstream, true);
            pump(upstream, client, false);
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[BUFFER];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (!pass(n, fromClient)) {
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away: close both, as a network would
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "freezing proxy " + (fromClient ? "up" : "down"));
        t.setDaemon(true);
        t.start();
    }

    /** Counts client bytes against the budget and waits while frozen; false once the proxy is closed. */
    private boolean pass(int n, boolean fromClient) {
        synchronized (gate) {
            if (fromClient && !frozen) {
                budget -= n;
                frozen = budget < 0;
            }
            while (frozen && !closed) {
                try {
                    gate.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return !closed;
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (gate) {
            closed = true;
            gate.notifyAll();
            sockets.forEach(FreezingProxy::closeQuietly);
        }
        server.close();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
