package io.sessionflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SystemManagerTest {

    /** Upper bound for anything that should happen at once; only a broken manager ever waits this long. */
    private static final long GENEROUS_SECONDS = 10;

    private final SystemManager manager = new SystemManager(OperationMode.BACKTEST);
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

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

    /** A component that records its starts and stops in {@code log}. */
    private static Managed recording(String name, List<String> log) {
        return new Managed() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() {
                log.add("start " + name);
            }

            @Override
            public void stop() {
                log.add("stop " + name);
            }
        };
    }

    private Managed component(String name) {
        return recording(name, log);
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
    void componentsStartInOrderAndStopInReverse() {
        manager.register(component("a"));
        manager.register(component("b"));
        manager.register(component("c"));
        manager.start();
        assertThat(log).containsExactly("start a", "start b", "start c");
        log.clear();
        manager.pause();
        manager.resume();
        assertThat(log).isEmpty();  // pausing freezes time; it does not stop threads
        manager.stop();
        assertThat(log).containsExactly("stop c", "stop b", "stop a");
        log.clear();
        manager.stop();
        assertThat(log).isEmpty();
    }

    @Test
    void stoppingAPausedRunStopsTheComponents() {
        manager.register(component("a"));
        moveTo(SystemState.PAUSED);
        manager.stop();
        assertThat(log).containsExactly("start a", "stop a");
        assertThat(manager.state()).isEqualTo(SystemState.STOPPED);
    }

    @Test
    void componentsAreRegisteredOnlyWhileStopped() {
        manager.start();
        assertThatThrownBy(() -> manager.register(component("late")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("RUNNING");
        manager.stop();
        manager.register(component("late"));
        manager.start();
        assertThat(log).containsExactly("start late");
        assertThatThrownBy(() -> new SystemManager(OperationMode.LIVE).register(null))
                .isInstanceOf(NullPointerException.class);
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
    void modeChangesOnlyWhileStopped() {
        manager.setMode(OperationMode.LIVE);
        assertThat(manager.mode()).isEqualTo(OperationMode.LIVE);
        manager.start();
        assertThatThrownBy(() -> manager.setMode(OperationMode.BACKTEST))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("RUNNING");
        assertThat(manager.mode()).isEqualTo(OperationMode.LIVE);
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

    @Test
    void awaitRunningAnswersAtOnceWhenNotPaused() throws Exception {
        assertThat(new Waiter().result()).isFalse();
        manager.start();
        assertThat(new Waiter().result()).isTrue();
    }

    @Test
    void awaitRunningBlocksWhilePausedAndReturnsTrueOnResume() throws Exception {
        moveTo(SystemState.PAUSED);
        Waiter waiter = new Waiter().blocked();
        manager.resume();
        assertThat(waiter.result()).isTrue();
    }

    @Test
    void awaitRunningReturnsFalseWhenStoppedWhilePaused() throws Exception {
        moveTo(SystemState.PAUSED);
        Waiter waiter = new Waiter().blocked();
        manager.stop();
        assertThat(waiter.result()).isFalse();
    }

    @Test
    void awaitRunningGivesUpAfterItsTimeout() throws Exception {
        moveTo(SystemState.PAUSED);
        long t0 = System.nanoTime();
        assertThat(manager.awaitRunning(30, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(30));
        assertThat(manager.state()).isEqualTo(SystemState.PAUSED);
    }

    @Test
    void awaitRunningIsInterruptible() throws Exception {
        moveTo(SystemState.PAUSED);
        Waiter waiter = new Waiter().blocked();
        executor.shutdownNow();  // interrupts the waiting thread
        assertThatThrownBy(waiter::result)
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(InterruptedException.class);
    }

    @Property(tries = 200)
    void anySequenceOfCallsFollowsTheStateMachine(@ForAll @Size(max = 30) List<Call> calls) {
        SystemManager m = new SystemManager(OperationMode.BACKTEST);
        List<String> events = new ArrayList<>();
        m.register(recording("c", events));
        SystemState model = SystemState.STOPPED;
        int starts = 0;
        for (Call call : calls) {
            SystemState next = call.from(model);
            if (next == null) {
                assertThatThrownBy(() -> call.on(m)).isInstanceOf(IllegalStateException.class);
            } else {
                call.on(m);
                starts += call == Call.START ? 1 : 0;
                model = next;
            }
            assertThat(m.state()).isEqualTo(model);
        }
        // Components start once per start() and are stopped exactly when the run stops.
        assertThat(events.stream().filter("start c"::equals).count()).isEqualTo(starts);
        assertThat(events.stream().filter("stop c"::equals).count())
                .isEqualTo(model == SystemState.STOPPED ? starts : starts - 1);
    }

    /** {@code awaitRunning} on another thread, so that this thread can change the state while it waits. */
    private final class Waiter {
        private final AtomicReference<Thread> thread = new AtomicReference<>();
        private final Future<Boolean> result;

        Waiter() {
            result = executor.submit(() -> {
                thread.set(Thread.currentThread());
                return manager.awaitRunning(GENEROUS_SECONDS, TimeUnit.SECONDS);
            });
        }

        /** Spins (without sleeping) until the thread is parked in awaitRunning; fails after a bound. */
        Waiter blocked() throws TimeoutException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GENEROUS_SECONDS);
            while (thread.get() == null || thread.get().getState() != Thread.State.TIMED_WAITING) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("the waiter never blocked in awaitRunning");
                }
                Thread.onSpinWait();
            }
            assertThat(result).isNotDone();
            return this;
        }

        /** What awaitRunning returned; a manager that waits out its whole timeout fails here first. */
        boolean result() throws Exception {
            return result.get(GENEROUS_SECONDS / 2, TimeUnit.SECONDS);
        }
    }
}
