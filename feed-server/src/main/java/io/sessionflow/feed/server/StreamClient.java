package io.sessionflow.feed.server;

import io.sessionflow.feed.alpaca.AlpacaWire;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Map;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection: its login, its subscription and its outgoing frames. Every frame, control answer or
 * data, goes through one bounded queue and out one at a time (the next is handed to Jetty when the one before has
 * been written), so answers and data keep their order and a client that reads slowly holds at most
 * {@code bufferChars} characters here. One more frame beyond that disconnects it as a slow client (407, then the
 * socket is closed without waiting for the close handshake, which a stuck client would never answer).
 *
 * <p>Threading: called from the web server's threads (this connection's messages, one at a time) and from the sender
 * thread; the state is guarded by this object's monitor, and Jetty is called outside it.
 */
final class StreamClient {

    private static final Logger LOG = LoggerFactory.getLogger(StreamClient.class);

    final long id;
    final String remote;
    /** The feed path the client connected to, {@code iex} in {@code /v2/iex}. */
    final String feedPath;
    final long connectedNanos;
    private final Session session;
    private final int bufferChars;
    private final ServerCounters counters;

    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private long queuedChars;
    private boolean sending;
    /** A ping fell due while a write was in flight: it goes out when the queue has drained. */
    private boolean pingOwed;
    private boolean inSend;
    private boolean sentInline;
    private boolean closed;
    private CloseRequest closeAfterDrain;
    private long droppedWith;
    private boolean loggedIn;
    private ChannelSet channels = ChannelSet.EMPTY;

    StreamClient(long id, Session session, String feedPath, long connectedNanos, int bufferChars,
                 ServerCounters counters) {
        this.id = id;
        this.session = session;
        this.remote = String.valueOf(session.getRemoteSocketAddress());
        this.feedPath = feedPath;
        this.connectedNanos = connectedNanos;
        this.bufferChars = bufferChars;
        this.counters = counters;
    }

    synchronized boolean isLoggedIn() {
        return loggedIn;
    }

    synchronized void logIn() {
        loggedIn = true;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** The subscription when logged in and open, else null: what the sender filters by. */
    synchronized ChannelSet subscription() {
        return loggedIn && !closed ? channels : null;
    }

    /**
     * Changes the subscription and queues the answer in one step: a data frame built from the new subscription is
     * queued after the answer.
     *
     * @param symbolLimit symbols allowed on trades and quotes together, 0 for none; beyond it the subscription stays
     *                    as it was and the answer is 405
     */
    void change(boolean add, Map<String, ? extends Collection<String>> request, int symbolLimit) {
        Queued q;
        synchronized (this) {
            ChannelSet next = channels.change(add, request);
            String answer;
            if (add && symbolLimit > 0 && next.limitedSymbols() > symbolLimit) {
                answer = AlpacaWire.error(AlpacaWire.Error.SYMBOL_LIMIT_EXCEEDED);
            } else {
                channels = next;
                answer = AlpacaWire.subscription(next.channels());
            }
            q = enqueue(answer);
        }
        after(q);
    }

    /** Queues one frame; false when the connection is closed or was just dropped for falling behind. */
    boolean send(String frame) {
        Queued q;
        synchronized (this) {
            q = enqueue(frame);
        }
        after(q);
        return q == Queued.PUMP || q == Queued.BEHIND_A_SEND;
    }

    /** What queueing a frame came to. */
    private enum Queued {
        /** Queued while idle: the caller pumps. */
        PUMP,
        /** Queued behind a send in flight, whose completion pumps. */
        BEHIND_A_SEND,
        /** Not queued: the connection is closed or closing. */
        CLOSED,
        /** Not queued: the frame would pass the buffer limit; the caller drops the client. */
        DROP
    }

    /** Under the monitor. */
    private Queued enqueue(String frame) {
        if (closed || closeAfterDrain != null) {
            return Queued.CLOSED;
        }
        if (queuedChars + frame.length() > bufferChars && (sending || !queue.isEmpty())) {
            droppedWith = queuedChars;
            closed = true;
            queue.clear();
            queuedChars = 0;
            return Queued.DROP;
        }
        queue.add(frame);
        queuedChars += frame.length();
        if (sending) {
            counters.queued(queuedChars);  // waiting: what the bound is about (an idle connection's frame goes now)
            return Queued.BEHIND_A_SEND;
        }
        sending = true;
        return Queued.PUMP;
    }

    /** Outside the monitor: pumps or drops as queueing said. */
    private void after(Queued q) {
        if (q == Queued.PUMP) {
            pump();
        } else if (q == Queued.DROP) {
            dropSlow();
        }
    }

    /**
     * Hands queued frames to Jetty one at a time. A write that completes inside {@code sendText} (the common case on
     * a fast socket) loops here instead of recursing through the callback. When the queue is empty and a close was
     * asked for, the close goes out.
     */
    private void pump() {
        while (true) {
            String next;
            CloseRequest close = null;
            boolean pingNow = false;
            synchronized (this) {
                next = closed ? null : queue.poll();
                if (next == null) {
                    sending = false;
                    if (!closed && closeAfterDrain != null) {
                        close = closeAfterDrain;
                        closed = true;
                    }
                    pingNow = pingOwed && !closed;
                    pingOwed = false;
                } else {
                    queuedChars -= next.length();
                    inSend = true;
                    sentInline = false;
                }
            }
            if (next == null) {
                if (close != null) {
                    session.close(close.code(), close.reason(), Callback.NOOP);
                } else if (pingNow && session.isOpen()) {
                    session.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
                }
                return;
            }
            counters.framesSent.incrementAndGet();
            session.sendText(next, Callback.from(this::sent, this::failed));
            synchronized (this) {
                inSend = false;
                if (!sentInline) {
                    return;  // written later: the callback goes on
                }
            }
        }
    }

    private void sent() {
        synchronized (this) {
            if (inSend) {
                sentInline = true;
                return;
            }
        }
        pump();
    }

    private void failed(Throwable t) {
        closed();
        LOG.debug("{}: a write failed: {}", this, t.toString());
    }

    private void dropSlow() {
        long behind;
        synchronized (this) {
            behind = droppedWith;
        }
        counters.slowClientsDropped.incrementAndGet();
        LOG.warn("disconnecting slow {}: {} chars queued, one more frame would pass the buffer limit of {} chars",
                this, behind, bufferChars);
        // Best effort, as with Alpaca: a stuck client may never read it. Then the socket goes, without the close
        // handshake a stuck client would not answer, so that what it holds is released now.
        session.sendText(AlpacaWire.error(AlpacaWire.Error.SLOW_CLIENT), Callback.NOOP);
        session.disconnect();
    }

    /** Sends {@code error}, then closes the connection (policy violation): auth timeout, connection limit. */
    void refuse(AlpacaWire.Error error) {
        send(AlpacaWire.error(error));
        close(StatusCode.POLICY_VIOLATION, error.message());
    }

    /** Closes with {@code code} once what is queued has gone out; nothing more is queued meanwhile. */
    void close(int code, String reason) {
        boolean now;
        synchronized (this) {
            if (closed || closeAfterDrain != null) {
                return;
            }
            closeAfterDrain = new CloseRequest(code, reason);
            now = !sending;
            if (now) {
                closed = true;
            }
        }
        if (now) {
            session.close(code, reason, Callback.NOOP);
        }
    }

    /** The connection closed (either side) or failed: nothing more is sent. */
    synchronized void closed() {
        closed = true;
        sending = false;
        queue.clear();
        queuedChars = 0;
    }

    private record CloseRequest(int code, String reason) {
    }

    /**
     * A WebSocket ping, so that an idle connection stays open, only while nothing is being written to it: a stuck
     * connection must not pile pings up in Jetty's own queue, outside the bound. One due while a write is in flight
     * is owed, and goes out once the queue has drained (at most one is owed).
     */
    void ping() {
        synchronized (this) {
            if (closed || closeAfterDrain != null) {
                return;
            }
            if (sending) {
                pingOwed = true;
                return;
            }
        }
        if (session.isOpen()) {
            session.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
        }
    }

    @Override
    public String toString() {
        return "client #" + id + " (" + remote + ")";
    }
}
