package io.sessionflow.app;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CPU time the process's threads used between two snapshots, summed per role of the connector bench (the
 * feed-server's sender and web threads, the JDK WebSocket client's threads that read and decode, the feed's thread,
 * the coordinator's), so that a run tells which side used the cores. Threads that ended between the snapshots are
 * not counted (none of these do during a run).
 *
 * <p>Immutable; safe to share between threads.
 */
final class ThreadCpu {

    /** Roles in print order: a thread belongs to the first whose name part it contains. */
    private static final List<String[]> ROLES = List.of(
            new String[] {"server", "feed-server", "qtp", "Jetty", "Javalin"},
            new String[] {"socket+decode", "HttpClient"},
            new String[] {"feed", "sessionflow-feed-"},
            new String[] {"coordinator", "sessionflow-"});

    private final Map<Long, Long> cpuById;
    private final Map<Long, String> nameById;

    private ThreadCpu(Map<Long, Long> cpuById, Map<Long, String> nameById) {
        this.cpuById = cpuById;
        this.nameById = nameById;
    }

    /** The CPU time of every live thread now; empty where the JVM does not measure it. */
    static ThreadCpu now() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        if (mx.isThreadCpuTimeSupported() && mx.isThreadCpuTimeEnabled()) {
            for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (info == null) {
                    continue;  // ended meanwhile
                }
                long t = mx.getThreadCpuTime(info.getThreadId());
                if (t >= 0) {
                    cpu.put(info.getThreadId(), t);
                    names.put(info.getThreadId(), info.getThreadName());
                }
            }
        }
        return new ThreadCpu(cpu, names);
    }

    /**
     * The CPU time used from {@code before} to this snapshot per role, in nanos, roles in print order; "other" for the
     * rest (the bench thread, the JIT and the garbage collector are not Java threads and are not seen).
     */
    Map<String, Long> since(ThreadCpu before) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String[] role : ROLES) {
            out.put(role[0], 0L);
        }
        out.put("other", 0L);
        cpuById.forEach((id, cpu) -> {
            long used = cpu - before.cpuById.getOrDefault(id, 0L);
            out.merge(role(nameById.get(id)), used, Long::sum);
        });
        return out;
    }

    private static String role(String threadName) {
        for (String[] role : ROLES) {
            for (int i = 1; i < role.length; i++) {
                if (threadName.contains(role[i])) {
                    return role[0];
                }
            }
        }
        return "other";
    }
}
