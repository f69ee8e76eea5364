package io.sessionflow.feed.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.feed.FeedMessage;
import io.sessionflow.feed.FeedRequest;
import io.sessionflow.feed.FeedTransport;
import io.sessionflow.testing.ManualWallClock;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The frame probe: each whole frame once, with its arrival time, before the receiver hears of its messages. */
class AlpacaTransportProbeTest {

    private static final long WAIT_SECONDS = 10;

    private ScriptedServer server;
    private AlpacaTransport transport;

    /** Probe calls and receiver calls, in the order they happened. */
    private final LinkedBlockingQueue<Object> seen = new LinkedBlockingQueue<>();

    private record Probed(long receivedNanos, List<FeedMessage> messages) {
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (transport != null) {
            transport.close();
        }
        if (server != null) {
            server.shutdown();
        }
    }

    private Object next() throws InterruptedException {
        Object o = seen.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(o).as("a probe or receiver call within %d s", WAIT_SECONDS).isNotNull();
        return o;
    }

    private void open(AlpacaTransport.FrameProbe probe, ManualWallClock wall) throws InterruptedException {
        server = new ScriptedServer(true, (conn, text) -> {
            String two = "[" + AlpacaCodecTest.TRADE + "," + AlpacaCodecTest.TRADE + "]";
            ScriptedServer.sendInParts(conn, two, List.of(5, 40));
        }).startAndWait();
        transport = new AlpacaTransport(server.base(), AlpacaFeed.TEST, HttpClient.newHttpClient(),
                new AlpacaCodec(false), Duration.ofSeconds(WAIT_SECONDS)).withFrameProbe(wall, probe);
        wall.advanceNanos(123);
        transport.open(new FeedTransport.Receiver() {
            @Override
            public void onOpen() {
                seen.add("open");
            }

            @Override
            public void onMessage(FeedMessage message) {
                seen.add(message);
            }

            @Override
            public void onClosed(String reason) {
                seen.add("closed: " + reason);
            }
        });
    }

    @Test
    void theProbeSeesEachFrameWithItsArrivalTimeBeforeTheReceiver() throws InterruptedException {
        ManualWallClock wall = new ManualWallClock();
        open((received, frame) -> seen.add(new Probed(received, frame.messages())), wall);

        assertThat(next()).as("the welcome, probed with no messages").isEqualTo(new Probed(123, List.of()));
        assertThat(next()).isEqualTo("open");
        wall.advanceNanos(1_000);
        transport.send(new FeedRequest.Authenticate(AlpacaTransportTest.CREDENTIALS));
        Object probed = next();
        assertThat(probed).isInstanceOf(Probed.class);
        Probed p = (Probed) probed;
        assertThat(p.receivedNanos()).isEqualTo(1_123);
        assertThat(p.messages()).singleElement().isInstanceOfSatisfying(FeedMessage.Trades.class,
                t -> assertThat(t.trades()).hasSize(2));
        assertThat(next()).as("the same message, after the probe").isEqualTo(p.messages().get(0));
    }

    @Test
    void aProbeThatThrowsDoesNotStopTheFrames() throws InterruptedException {
        open((received, frame) -> {
            throw new IllegalStateException("probe broken");
        }, new ManualWallClock());

        assertThat(next()).isEqualTo("open");
        transport.send(new FeedRequest.Authenticate(AlpacaTransportTest.CREDENTIALS));
        assertThat(next()).isInstanceOfSatisfying(FeedMessage.Trades.class, t -> assertThat(t.trades()).hasSize(2));
    }
}
