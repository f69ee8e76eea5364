package io.sessionflow.feed.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.feed.alpaca.AlpacaWire;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.Test;

/**
 * One connection's outgoing queue against a stand-in Jetty session whose writes complete only when the test says:
 * order, one write at a time, the bound, the drop, the close after the queue drains, and pings only when idle.
 */
class StreamClientTest {

    /** What the client asked of the session, and the callbacks of the writes still pending. */
    static final class FakeSession {
        final List<String> calls = new ArrayList<>();
        final List<Callback> pending = new ArrayList<>();
        final Session session = (Session) Proxy.newProxyInstance(Session.class.getClassLoader(),
                new Class<?>[] {Session.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "sendText" -> {
                            calls.add("text " + args[0]);
                            pending.add((Callback) args[1]);
                        }
                        case "sendPing" -> calls.add("ping");
                        case "close" -> calls.add("close " + args[0] + " " + args[1]);
                        case "disconnect" -> calls.add("disconnect");
                        case "isOpen" -> {
                            return true;
                        }
                        case "getRemoteSocketAddress" -> {
                            return new InetSocketAddress("127.0.0.1", 5555);
                        }
                        case "toString" -> {
                            return "fake session";
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });

        /** Completes the oldest pending write. */
        void complete() {
            pending.remove(0).succeed();
        }
    }

    private final FakeSession fake = new FakeSession();
    private final ServerCounters counters = new ServerCounters();
    private final StreamClient client = new StreamClient(1, fake.session, "iex", 0, 1_024, counters);

    @Test
    void framesGoOutInOrderOneWriteAtATime() {
        client.send("a");
        client.send("b");
        client.send("c");
        assertThat(fake.calls).containsExactly("text a");
        fake.complete();
        assertThat(fake.calls).containsExactly("text a", "text b");
        fake.complete();
        fake.complete();
        assertThat(fake.calls).containsExactly("text a", "text b", "text c");
        assertThat(fake.pending).isEmpty();
        assertThat(counters.framesSent.get()).isEqualTo(3);
    }

    @Test
    void oneFrameBeyondTheBoundDropsTheClientAndNothingMoreIsQueued() {
        client.send("x".repeat(2_000));  // in flight: not counted against the bound
        assertThat(client.send("y".repeat(1_000))).isTrue();
        assertThat(client.send("z".repeat(25))).as("1,025 chars queued would pass 1,024").isFalse();
        assertThat(fake.calls).hasSize(3);
        assertThat(fake.calls.get(1)).isEqualTo("text " + AlpacaWire.error(AlpacaWire.Error.SLOW_CLIENT));
        assertThat(fake.calls.get(2)).isEqualTo("disconnect");
        assertThat(counters.slowClientsDropped.get()).isEqualTo(1);
        assertThat(counters.maxQueuedChars.get()).isEqualTo(1_000);
        assertThat(client.send("after")).isFalse();
        fake.complete();
        assertThat(fake.calls).hasSize(3);
    }

    @Test
    void aCloseWaitsForWhatIsQueued() {
        client.send("a");
        client.refuse(AlpacaWire.Error.AUTH_TIMEOUT);
        assertThat(fake.calls).containsExactly("text a");
        fake.complete();
        assertThat(fake.calls).containsExactly("text a", "text " + AlpacaWire.error(AlpacaWire.Error.AUTH_TIMEOUT));
        fake.complete();
        assertThat(fake.calls).last().asString().startsWith("close 1008 auth timeout");
        assertThat(client.send("late")).isFalse();
    }

    @Test
    void aPingDueDuringAWriteGoesOutOnceTheQueueHasDrained() {
        client.send("a");
        client.ping();
        client.ping();
        assertThat(fake.calls).as("nothing beside a write in flight").containsExactly("text a");
        fake.complete();
        assertThat(fake.calls).as("one owed ping, after the write").containsExactly("text a", "ping");
        client.ping();
        assertThat(fake.calls).as("an idle connection at once").containsExactly("text a", "ping", "ping");
    }

    @Test
    void writesThatCompleteAtOnceDrainTheQueueInALoopNotARecursion() {
        List<String> texts = new ArrayList<>();
        List<Callback> held = new ArrayList<>();
        Session s = (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("sendText")) {
                        texts.add((String) args[0]);
                        if (texts.size() == 1) {
                            held.add((Callback) args[1]);  // the first write waits for the test
                        } else {
                            ((Callback) args[1]).succeed();  // the rest are written inside the call
                        }
                        return null;
                    }
                    return method.invoke(fake.session, args);
                });
        StreamClient c = new StreamClient(2, s, "iex", 0, 1 << 20, counters);
        for (int i = 0; i < 50_000; i++) {
            c.send("f" + i);
        }
        assertThat(texts).containsExactly("f0");
        held.get(0).succeed();  // 49,999 frames go out now: as nested callbacks they would overflow the stack
        assertThat(texts).hasSize(50_000).endsWith("f49999");
    }
}
