package dev.hallmark.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/** What every load harness needs around its measurements: quiet libraries, a record of the machine, scratch cleanup. */
public final class BenchEnvironment {
    private BenchEnvironment() {
    }

    /** Flyway, Hikari and Jetty log through java.util.logging; their INFO lines would bury the tables. */
    public static void quietLogging() {
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        for (Handler h : root.getHandlers()) {
            h.setLevel(Level.WARNING);
        }
    }

    /** The machine the figures come from, written into every result file. */
    public static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        var os = ManagementFactory.getOperatingSystemMXBean();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("os", os.getName() + " " + os.getVersion() + " " + os.getArch());
        m.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        m.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / 1048576);
        m.put("loadAverageAtStart", os.getSystemLoadAverage());
        return m;
    }

    /** Deletes a scratch directory and everything in it, if it exists. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
