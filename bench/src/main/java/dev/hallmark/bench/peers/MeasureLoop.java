package dev.hallmark.bench.peers;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The timing loop, the same as the node side's: verify back to back on this one thread until the window has passed,
 * counting verifications, with the process's CPU time over the window (JIT and GC threads included), so a figure
 * taken while other processes held the cores can be told apart from a slow verifier.
 */
final class MeasureLoop {
    private MeasureLoop() {
    }

    static Map<String, Object> run(BundleVerifier verifier, double seconds) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        long ops = 0;
        long now;
        do {
            verifier.verifyOnce();
            ops++;
            now = System.nanoTime();
        } while (now < end);
        long cpu = os.getProcessCpuTime() - cpu0;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ops", ops);
        r.put("seconds", (now - t0) / 1e9);
        r.put("cpuSeconds", cpu / 1e9);
        return r;
    }
}
