package io.sessionflow.dashboard.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionflow.dashboard.BadRequest;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.ManualWallClock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runs' request parsing, state machine, board and registry, without a server or a data manager. */
class RunsModelTest {

    private final ObjectMapper json = new ObjectMapper();

    private RunRequest parse(String body) throws Exception {
        return RunRequest.fromJson(json.readTree(body));
    }

    @Test
    void aRequestTakesListsOrCommaTextCaseInsensitiveSymbolsAndFullOrAFactorAsSpeed() throws Exception {
        RunRequest r = parse("{\"symbols\":\"spy, ibm\",\"from\":\"2013-10-07\",\"to\":\"2013-10-08\","
                + "\"intervals\":[\"5\",\"15m\"],\"dropRate\":0.1,\"speed\":\"60x\"}");
        assertThat(r.symbols()).containsExactly(Symbol.of("SPY"), Symbol.of("IBM"));
        assertThat(r.intervals()).containsExactly(Interval.ofMinutes(5), Interval.ofMinutes(15));
        assertThat(r.speed()).isEqualTo(60);
        assertThat(r.toJson()).containsEntry("speed", 60.0).containsEntry("intervals", List.of("5m", "15m"));
        RunRequest full = parse("{\"symbols\":[\"SPY\"],\"from\":\"2013-10-07\",\"to\":\"2013-10-07\"}");
        assertThat(full.fullSpeed()).isTrue();
        assertThat(full.toJson()).containsEntry("speed", "full").containsEntry("dropRate", 0.0);
    }

    @Test
    void aBadRequestNamesItsFieldAndValue() {
        String ok = "\"from\":\"2013-10-07\",\"to\":\"2013-10-08\"";
        Map<String, String> cases = Map.of(
                "{" + ok + "}", "symbols (none): required",
                "{\"symbols\":\"S P\"," + ok + "}", "symbols 'S P': not a symbol",
                "{\"symbols\":\"SPY,SPY\"," + ok + "}", "repeat one",
                "{\"symbols\":\"SPY\",\"from\":\"07.10.2013\",\"to\":\"2013-10-08\"}", "from '07.10.2013': not a date",
                "{\"symbols\":\"SPY\"," + ok + ",\"intervals\":\"0\"}", "intervals '0': not an interval",
                "{\"symbols\":\"SPY\"," + ok + ",\"dropRate\":1.5}", "drop rate 1.5 is not between 0 and 1",
                "{\"symbols\":\"SPY\"," + ok + ",\"speed\":\"warp\"}", "speed 'warp'",
                "[1]", "the body must be a JSON object");
        cases.forEach((body, message) -> assertThatThrownBy(() -> parse(body)).as(body)
                .isInstanceOf(BadRequest.class).hasMessageContaining(message));
    }

    @Test
    void aRunMovesRunningPausedRunningThenToOneFinalStateAndRefusesWhatItsStateDoesNotAllow() {
        ProgressBoard board = new ProgressBoard(new ManualWallClock());
        TrackedRun run = new TrackedRun("run-1", RunKind.REPLAY, "page", null, "replay SPY", board);
        assertThatThrownBy(run::pause).isInstanceOf(IllegalStateException.class).hasMessageContaining("not started");
        List<String> calls = new ArrayList<>();
        run.controls(new RunControls() {
            @Override
            public void pause() {
                calls.add("pause");
            }

            @Override
            public void resume() {
                calls.add("resume");
            }

            @Override
            public void stop() {
                calls.add("stop");
            }
        });
        long v0 = board.version();
        assertThatThrownBy(run::resume).hasMessageContaining("only a paused run can resume");
        run.pause();
        assertThat(run.state()).isEqualTo(RunState.PAUSED);
        assertThat(board.version()).isGreaterThan(v0);
        assertThatThrownBy(run::pause).hasMessageContaining("is paused");
        run.resume();
        run.stop();
        assertThatThrownBy(run::stop).hasMessageContaining("stopping");
        assertThat(run.state()).isEqualTo(RunState.RUNNING);  // until the run's thread reports its end
        run.ended(new RunReport("table", Map.of()), false);
        assertThat(run.state()).isEqualTo(RunState.STOPPED);
        assertThat(run.report()).map(RunReport::table).hasValue("table");
        assertThat(calls).containsExactly("pause", "resume", "stop");
        assertThatThrownBy(() -> run.failed("late")).hasMessageContaining("ended as stopped");
        assertThatThrownBy(() -> new TrackedRun("../x", RunKind.REPLAY, "page", null, "", board))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReaderWaitsForANewerVersionOrItsTimeout() throws InterruptedException {
        ManualWallClock wall = new ManualWallClock();
        ProgressBoard board = new ProgressBoard(wall);
        long seen = board.version();
        assertThat(board.awaitAfter(seen, 500_000_000L)).isEqualTo(seen);  // the manual clock lets the time pass
        RunProgress p = new RunProgress("2013-10-07", "2013-10-07T14:00:00Z", 0, 5, 10, 2.5, List.of(
                new SymbolQuality("SPY", 30, 1, 0, 100)), List.of());
        board.publish(p);
        assertThat(board.awaitAfter(seen, 500_000_000L)).isEqualTo(seen + 1);
        assertThat(board.latest()).isSameAs(p);
    }

    @Test
    void aStreamedViewCarriesTheLowestQualitySymbolsAndHowManyThereAre() {
        ProgressBoard board = new ProgressBoard(new ManualWallClock());
        TrackedRun run = new TrackedRun("run-1", RunKind.REPLAY, "page", null, "replay", board);
        board.publish(new RunProgress("2013-10-07", "2013-10-07T14:00:00Z", 0, 5, 10, 2.5, List.of(
                new SymbolQuality("AAA", 30, 0, 0, 100), new SymbolQuality("BBB", 20, 0, 10, 66.67),
                new SymbolQuality("CCC", 29, 0, 1, 96.67), new SymbolQuality("DDD", 20, 0, 10, 66.67)), List.of()));
        @SuppressWarnings("unchecked")
        Map<String, Object> streamed = (Map<String, Object>) RunRoutes.view(run, true, 3).get("progress");
        assertThat((List<?>) streamed.get("symbols")).extracting(s -> ((SymbolQuality) s).symbol())
                .containsExactly("BBB", "DDD", "CCC");
        assertThat(streamed.get("symbolCount")).isEqualTo(4);
        @SuppressWarnings("unchecked")
        Map<String, Object> full = (Map<String, Object>) RunRoutes.view(run, true).get("progress");
        assertThat((List<?>) full.get("symbols")).hasSize(4);
    }

    @Test
    void theRegistryKeepsTheLatestEndedRunsAndLetsTwoPageRunsGoAtOnce() {
        ManualWallClock wall = new ManualWallClock();
        RunRegistry registry = RunRegistry.launching((id, request) ->
                new TrackedRun(id, RunKind.REPLAY, "page", request, "replay", new ProgressBoard(wall)));
        RunRequest request = new RunRequest(List.of(Symbol.of("SPY")), LocalDate.of(2013, 10, 7),
                LocalDate.of(2013, 10, 7), List.of(), 0, 0);
        TrackedRun first = (TrackedRun) registry.launch(request);
        registry.launch(request);
        assertThatThrownBy(() -> registry.launch(request)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2 runs started from the page are going");
        first.failed("test");
        assertThat(registry.launch(request).id()).isEqualTo("run-3");
        assertThat(registry.find("run-1")).containsSame(first);
        TrackedRun second = (TrackedRun) registry.find("run-2").orElseThrow();
        List<String> stopped = new ArrayList<>();
        second.controls(new RunControls() {
            @Override
            public void pause() {
            }

            @Override
            public void resume() {
            }

            @Override
            public void stop() {
                stopped.add("run-2");
            }
        });
        assertThat(registry.stopActive()).as("run-3 has no controls yet").isEqualTo(1);
        assertThat(stopped).containsExactly("run-2");
        assertThat(second.stopping()).isTrue();
        assertThatThrownBy(() -> RunRegistry.attachedOnly().launch(request))
                .hasMessageContaining("sessionflow serve");
    }
}
