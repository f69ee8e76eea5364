package io.sessionflow.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class AgentRunnerTest {

    /** An idle agent: no work, no deadline, never done. */
    private static final class Idle implements Agent {
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public int doWork() {
            return 0;
        }

        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public void onClose() {
            closed.countDown();
        }

        @Override
        public String roleName() {
            return "idle-test";
        }
    }

    /** Waits until woken (or interrupted), and records which ended the wait. */
    private static final class Waiting implements IdleStrategy {
        final CountDownLatch waiting = new CountDownLatch(1);
        final CountDownLatch woken = new CountDownLatch(1);
        final AtomicBoolean interrupted = new AtomicBoolean();

        @Override
        public void idle(int workCount, long wakeAtNanos) throws InterruptedException {
            waiting.countDown();
            try {
                woken.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
        }

        @Override
        public void wake() {
            woken.countDown();
        }
    }

    @Test
    void closeWakesAnIdleRunnerInsteadOfWaitingOutItsWaitOrInterruptingIt() throws InterruptedException {
        Idle agent = new Idle();
        Waiting idle = new Waiting();
        AgentRunner runner = new AgentRunner(agent, idle, t -> { }, 60_000);
        runner.start();
        assertThat(idle.waiting.await(10, TimeUnit.SECONDS)).as("the runner idles").isTrue();

        assertThat(runner.closeAndJoin()).isTrue();

        assertThat(idle.interrupted).as("the wait ended by wake(), not by the join's interrupt").isFalse();
        assertThat(agent.closed.getCount()).isZero();
        assertThat(runner.isAlive()).isFalse();
    }

    @Test
    void aWakeSignalsWakeEndsTheWaitOfItsRunner() throws InterruptedException {
        WakeSignal signal = new WakeSignal(io.sessionflow.time.WallClock.system());
        long before = signal.version();

        signal.wake();

        assertThat(signal.version()).isEqualTo(before + 1);
    }
}
