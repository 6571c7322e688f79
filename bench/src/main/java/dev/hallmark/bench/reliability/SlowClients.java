package dev.hallmark.bench.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slowloris against a real {@code hallmark serve}: {@code connections} clients open a request and then send it one
 * byte per second — half of them a POST body (headers complete, declaring 64 KiB), half the header block itself —
 * for {@code hold}. Meanwhile a well-behaved client reads the log's info and {@code /healthz} every 100 ms. Asserted:
 * the well-behaved client keeps being served (slow senders must not take every admission slot) and the server stays
 * up. What became of the slow clients (answered, cut off, still open at the end) is recorded.
 */
final class SlowClients {
    private SlowClients() {
    }

    static Map<String, Object> run(Path jar, String heap, Path work, int connections, Duration hold, Checks checks)
            throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (ServerProcess server = ServerProcess.start(jar, work.resolve("slow-data"), heap,
                work.resolve("slow-server.log"), List.of())) {
            URI base = server.url();
            System.out.printf("slow-clients: %d trickling connections for %s against %s (%s)%n", connections, hold,
                    base, Overload.load());
            long end = System.nanoTime() + hold.toNanos();
            AtomicInteger open = new AtomicInteger();
            AtomicInteger answered = new AtomicInteger();
            AtomicInteger cutOff = new AtomicInteger();
            Map<String, AtomicInteger> answers = new java.util.concurrent.ConcurrentHashMap<>();
            List<Thread> slow = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                boolean body = i % 2 == 0;
                slow.add(Thread.ofVirtual().start(() -> trickle(base, body, end, open, answered, cutOff, answers)));
            }
            Thread.sleep(Duration.ofSeconds(3)); // every slow connection has started trickling
            AtomicLong ok = new AtomicLong();
            AtomicLong notOk = new AtomicLong();
            Map<Integer, Long> probeStatuses = new java.util.TreeMap<>();
            byte[] info = RawHttp.request("GET", base, "/log/api/v1/log", "", null);
            byte[] health = RawHttp.request("GET", base, "/healthz", "", null);
            int openDuringProbe = open.get();
            while (System.nanoTime() < end) {
                for (byte[] probe : List.of(info, health)) {
                    try (RawHttp http = new RawHttp(base, 10_000)) {
                        int status = http.exchange(probe, 512).status();
                        probeStatuses.merge(status, 1L, Long::sum);
                        (status == 200 ? ok : notOk).incrementAndGet();
                    } catch (IOException e) {
                        probeStatuses.merge(-1, 1L, Long::sum);
                        notOk.incrementAndGet();
                    }
                }
                Thread.sleep(100);
            }
            for (Thread t : slow) {
                t.join(Duration.ofSeconds(40));
            }
            r.put("connections", connections);
            r.put("holdSeconds", hold.toSeconds());
            r.put("slowConnectionsOpenWhenProbingStarted", openDuringProbe);
            r.put("probeStatuses(-1 = transport error)", probeStatuses);
            r.put("slowClientAnswers", answers.toString());
            r.put("slowClientsCutOffByServer", cutOff.get());
            r.put("loadAverage", Overload.load());
            checks.check("a well-behaved client is served while slow clients trickle", notOk.get() == 0 && ok.get() > 0,
                    ok.get() + " probes answered 200, " + notOk.get() + " not; statuses " + probeStatuses
                            + "; slow connections open " + openDuringProbe);
            checks.check("server process up", server.alive(), "pid " + server.pid());
            long traces = server.logLinesContaining("OutOfMemoryError");
            checks.check("no OutOfMemoryError", traces == 0, traces);
        }
        return r;
    }

    /**
     * One slow client: sends a request start, then a byte per second until the server answers, cuts it off, or
     * {@code end}; then gives up (closes) so the run terminates.
     */
    private static void trickle(URI base, boolean body, long end, AtomicInteger open, AtomicInteger answered,
            AtomicInteger cutOff, Map<String, AtomicInteger> answers) {
        String head = body
                ? "POST /log/api/v1/log/entries HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 65536\r\n\r\n{"
                : "GET /log/api/v1/log HTTP/1.1\r\nHost: " + base.getHost() + "\r\nX-Slow: ";
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(50);
            open.incrementAndGet();
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] buf = new byte[512];
            while (System.nanoTime() < end) {
                try {
                    int n = in.read(buf);
                    if (n < 0) {
                        cutOff.incrementAndGet();
                        return;
                    }
                    String reply = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                    String status = reply.length() >= 12 ? reply.substring(9, 12) : reply;
                    answers.computeIfAbsent((body ? "body " : "headers ") + status, k -> new AtomicInteger()).incrementAndGet();
                    answered.incrementAndGet();
                    return;
                } catch (java.net.SocketTimeoutException e) {
                    // nothing yet
                }
                out.write(body ? ' ' : 'a');
                out.flush();
                Thread.sleep(950);
            }
            answers.computeIfAbsent((body ? "body " : "headers ") + "still open at the end", k -> new AtomicInteger())
                    .incrementAndGet();
        } catch (IOException e) {
            cutOff.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.decrementAndGet();
        }
    }
}
