package dev.hallmark.bench.soak;

import com.sun.management.UnixOperatingSystemMXBean;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * {@code hallmark serve} in a child JVM (its own heap, as deployed: {@code java -Xmx… -jar hallmark-cli.jar serve}),
 * watched from outside: the JDK attach API starts the child's local JMX agent, through which each {@link #sample}
 * runs a full GC and reads the heap left (the live set), threads and open file descriptors; RSS comes from
 * {@code /proc/<pid>/status}. Nothing in the server is changed to be measured.
 */
final class ChildServer implements AutoCloseable {
    private final Process process;
    private final String url;
    private final JMXConnector jmx;
    private final MemoryMXBean memory;
    private final ThreadMXBean threads;
    private final UnixOperatingSystemMXBean os;

    private ChildServer(Process process, String url, JMXConnector jmx) throws IOException {
        this.process = process;
        this.url = url;
        this.jmx = jmx;
        MBeanServerConnection c = jmx.getMBeanServerConnection();
        this.memory = ManagementFactory.newPlatformMXBeanProxy(c, ManagementFactory.MEMORY_MXBEAN_NAME,
                MemoryMXBean.class);
        this.threads = ManagementFactory.newPlatformMXBeanProxy(c, ManagementFactory.THREAD_MXBEAN_NAME,
                ThreadMXBean.class);
        this.os = ManagementFactory.newPlatformMXBeanProxy(c, ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME,
                UnixOperatingSystemMXBean.class);
    }

    /** Starts {@code serve --port 0} on {@code dataDir} and waits (at most 120 s) for "Hallmark ready at". */
    static ChildServer start(Path cliJar, Path dataDir, String heap, Path logDir) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-jar");
        command.add(cliJar.toString());
        command.addAll(List.of("serve", "--data", dataDir.toString(), "--port", "0"));
        Path out = logDir.resolve("serve.out");
        Path err = logDir.resolve("serve.err"); // the access log: one line per request, as deployed
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String url = null;
        while (url == null) {
            if (!p.isAlive()) {
                throw new IllegalStateException("hallmark serve exited with " + p.exitValue() + ": "
                        + tail(err));
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("hallmark serve not ready after 120 s: " + tail(err));
            }
            for (String line : Files.readAllLines(out)) {
                if (line.startsWith("Hallmark ready at ")) {
                    url = line.substring("Hallmark ready at ".length()).trim().replaceAll("/+$", "");
                }
            }
            Thread.sleep(100);
        }
        VirtualMachine vm = VirtualMachine.attach(Long.toString(p.pid()));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        return new ChildServer(p, url, JMXConnectorFactory.connect(new JMXServiceURL(address)));
    }

    String url() {
        return url;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** What the server holds right after a full GC, and what the OS sees. */
    record Sample(long heapAfterGcBytes, long heapCommittedBytes, long nonHeapBytes, long rssBytes, long openFiles,
            int threads) {
    }

    Sample sample() throws IOException {
        memory.gc();
        long used = memory.getHeapMemoryUsage().getUsed();
        return new Sample(used, memory.getHeapMemoryUsage().getCommitted(), memory.getNonHeapMemoryUsage().getUsed(),
                rss(), os.getOpenFileDescriptorCount(), threads.getThreadCount());
    }

    private long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    }

    /** SIGTERM (the server's shutdown hook stops HTTP, then storage), then SIGKILL after 30 s. */
    @Override
    public void close() throws Exception {
        try {
            jmx.close();
        } catch (IOException e) {
            // the agent goes away with the process anyway
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
