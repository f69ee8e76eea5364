package io.sessionflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SystemManagerTest {

    /** Upper bound for anything that should happen at once; only a broken manager ever waits this long. */

    private final SystemManager manager = new SystemManager(OperationMode.BACKTEST);
    private final List<String> log = new CopyOnWriteArrayList<>();


    /** The four calls that change state, each one edge of the state machine. */
    enum Call {
        START, PAUSE, RESUME, STOP;

        void on(SystemManager m) {
            switch (this) {
                case START -> m.start();
                case PAUSE -> m.pause();
                case RESUME -> m.resume();
                case STOP -> m.stop();
            }
        }

        /** Where the call leads from {@code s}, or null when it is not allowed there. */
        SystemState from(SystemState s) {
            return switch (this) {
                case START -> s == SystemState.STOPPED ? SystemState.RUNNING : null;
                case PAUSE -> s == SystemState.RUNNING ? SystemState.PAUSED : null;
                case RESUME -> s == SystemState.PAUSED ? SystemState.RUNNING : null;
                case STOP -> SystemState.STOPPED;  // stopping when STOPPED is allowed and does nothing
            };
        }
    }



    private void moveTo(SystemState target) {
        switch (target) {
            case STOPPED -> { }
            case RUNNING -> manager.start();
            case PAUSED -> {
                manager.start();
                manager.pause();
            }
        }
    }

    @Test
    void startsStoppedInTheGivenMode() {
        assertThat(manager.state()).isEqualTo(SystemState.STOPPED);
        assertThat(manager.mode()).isEqualTo(OperationMode.BACKTEST);
        assertThat(manager.isBacktest()).isTrue();
        assertThat(manager.isRunning()).isFalse();
        assertThat(manager.streamCoordinatorTimerExpired()).isFalse();
        assertThat(new SystemManager(OperationMode.LIVE).isBacktest()).isFalse();
        assertThatThrownBy(() -> new SystemManager(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @EnumSource(SystemState.class)
    void eachCallIsAllowedExactlyOnTheEdgesOfTheStateMachine(SystemState from) {
        Set<SystemState> reached = EnumSet.noneOf(SystemState.class);
        for (Call call : Call.values()) {
            SystemManager m = new SystemManager(OperationMode.LIVE);
            Call.START.on(m);
            switch (from) {
                case STOPPED -> m.stop();
                case PAUSED -> m.pause();
                case RUNNING -> { }
            }
            SystemState expected = call.from(from);
            if (expected == null) {
                assertThatThrownBy(() -> call.on(m)).as("%s from %s", call, from)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("state is " + from);
                assertThat(m.state()).isEqualTo(from);
            } else {
                call.on(m);
                assertThat(m.state()).as("%s from %s", call, from).isEqualTo(expected);
                if (expected != from) {
                    reached.add(expected);
                }
            }
        }
        assertThat(reached).isEqualTo(from.successors());
    }

    @Test
    void refusedCallsSayWhatTheyNeed() {
        assertThatThrownBy(manager::resume).hasMessage("resume() needs state PAUSED, state is STOPPED");
        assertThatThrownBy(manager::pause).hasMessage("pause() needs state RUNNING, state is STOPPED");
        moveTo(SystemState.PAUSED);
        assertThatThrownBy(manager::start).hasMessage("start() needs state STOPPED, state is PAUSED");
    }




    @Test
    void listenersHearEveryChangeAfterItTookEffectOnTheChangingThread() {
        List<String> heard = new ArrayList<>();
        StateListener listener = (from, to) -> heard.add(from + ">" + to + " state=" + manager.state()
                + " thread=" + Thread.currentThread().getName());
        manager.addListener(listener);
        String thread = Thread.currentThread().getName();
        manager.start();
        manager.pause();
        manager.resume();
        manager.stop();
        manager.stop();  // no change, nothing to hear
        assertThat(heard).containsExactly(
                "STOPPED>RUNNING state=RUNNING thread=" + thread,
                "RUNNING>PAUSED state=PAUSED thread=" + thread,
                "PAUSED>RUNNING state=RUNNING thread=" + thread,
                "RUNNING>STOPPED state=STOPPED thread=" + thread);

        heard.clear();
        manager.removeListener(listener);
        manager.start();
        assertThat(heard).isEmpty();
    }

    @Test
    void refusedCallsNotifyNobody() {
        List<String> heard = new ArrayList<>();
        manager.addListener((from, to) -> heard.add(from + ">" + to));
        assertThatThrownBy(manager::resume).isInstanceOf(IllegalStateException.class);
        assertThat(heard).isEmpty();
    }


    @Test
    void timerExpiredFlagIsSetByTheCoordinatorAndClearedByStart() {
        manager.start();
        manager.setStreamCoordinatorTimerExpired(true);
        assertThat(manager.streamCoordinatorTimerExpired()).isTrue();
        manager.stop();
        assertThat(manager.streamCoordinatorTimerExpired()).isTrue();  // still readable after the run
        manager.start();
        assertThat(manager.streamCoordinatorTimerExpired()).isFalse();
        manager.setStreamCoordinatorTimerExpired(true);
        manager.setStreamCoordinatorTimerExpired(false);
        assertThat(manager.streamCoordinatorTimerExpired()).isFalse();
    }






    @Property(tries = 200)
    void anySequenceOfCallsFollowsTheStateMachine(@ForAll @Size(max = 30) List<Call> calls) {
        SystemManager m = new SystemManager(OperationMode.BACKTEST);
        SystemState model = SystemState.STOPPED;
        for (Call call : calls) {
            SystemState next = call.from(model);
            if (next == null) {
                assertThatThrownBy(() -> call.on(m)).isInstanceOf(IllegalStateException.class);
            } else {
                call.on(m);
                model = next;
            }
            assertThat(m.state()).isEqualTo(model);
        }
    }

}
