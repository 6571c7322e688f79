package dev.hallmark.bench.ca;

import dev.hallmark.bench.BenchEnvironment;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigOverrides;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * The certificate authority's load harness (issue 4, "Performance"; run by {@code ./bench/run-ca-load}): certificates
 * issued per second end to end (token check, proof of possession, precertificate, SCT from the CT log on SQLite, final
 * certificate, self-check) and p50/p99 latency, at 1/16/64 closed-loop clients, both in-process through
 * {@code FulcioApi.signingCert} and over HTTP against a {@code HallmarkServer --dev} on 127.0.0.1; a per-phase
 * breakdown in-process; and the single-thread CPU cost of each cryptographic step. Prints tables and writes JSON.
 */
public final class CaLoad {
    private CaLoad() {
    }

    public static void main(String[] args) throws Exception {
        CaOptions o;
        try {
            o = CaOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        BenchEnvironment.quietLogging();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("startedAt", Instant.now().toString());
        report.put("machine", BenchEnvironment.machine());
        report.put("settings", Map.of("clients", o.clients(), "warmupSeconds", o.warmup().toMillis() / 1e3,
                "durationSeconds", o.duration().toMillis() / 1e3, "requests", o.requests(), "tokens", o.tokens()));
        System.out.println("machine: " + report.get("machine"));
        Files.createDirectories(o.workDir());
        Path serverDir = Files.createTempDirectory(o.workDir(), "ca-http-");
        List<Map<String, Object>> rows = new ArrayList<>();
        try (HallmarkServer server = HallmarkServer.builder(serverDir)
                .overrides(new ConfigOverrides(Optional.of("127.0.0.1"), Optional.of(0), Optional.empty(),
                        Optional.empty(), true))
                .accessLog(line -> { }).start();
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .executor(Executors.newVirtualThreadPerTaskExecutor()).build()) {
            String issuer = server.url() + "/oidc/github";
            RequestPool[] pool = {null};
            ThrowingSupplier fresh = () -> {
                if (pool[0] == null || pool[0].stale()) {
                    long t0 = System.nanoTime();
                    pool[0] = RequestPool.build(http, issuer, o.tokens(), o.requests());
                    System.out.printf("  (built %d requests over %d fresh tokens in %.1f s)%n", o.requests(),
                            o.tokens(), (System.nanoTime() - t0) / 1e9);
                }
                return pool[0];
            };
            if (o.runs("inprocess")) {
                for (String mode : o.ctModes()) {
                    Path dir = Files.createTempDirectory(o.workDir(), "ca-inprocess-");
                    try (InProcessCa ca = InProcessCa.open(dir, issuer, mode)) {
                        for (int clients : o.clients()) {
                            RequestPool p = fresh.get();
                            System.out.printf("in-process FulcioApi, CT %s, %d clients ...%n", mode, clients);
                            Map<String, Object> r = new LinkedHashMap<>();
                            r.put("path", "in-process");
                            r.put("ct", mode);
                            r.putAll(ClosedLoop.run(p, clients, o.warmup(), o.duration(), ca::issue,
                                    ca.phases()::reset));
                            r.put("meanMillisPerPhase", ca.phases().meansPerCertificate());
                            System.out.println("  " + r);
                            rows.add(r);
                        }
                    } finally {
                        BenchEnvironment.deleteTree(dir);
                    }
                }
            }
            if (o.runs("http")) {
                URI uri = URI.create(server.url() + "/ca/api/v2/signingCert");
                for (int clients : o.clients()) {
                    RequestPool p = fresh.get();
                    System.out.printf("HTTP POST /ca/api/v2/signingCert, %d clients ...%n", clients);
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("path", "http");
                    r.put("ct", "server");
                    r.putAll(ClosedLoop.run(p, clients, o.warmup(), o.duration(), body -> post(http, uri, body),
                            () -> { }));
                    System.out.println("  " + r);
                    rows.add(r);
                }
            }
            report.put("issuance", rows);
            if (o.runs("costs")) {
                System.out.println("single-thread CPU costs ...");
                Map<String, Object> costs = CpuCosts.measure(fresh.get(), issuer);
                report.put("cpuMicrosPerOperation", costs);
                System.out.println("  " + costs);
            }
        } finally {
            BenchEnvironment.deleteTree(serverDir);
        }
        CaTables.print(rows);
        report.put("loadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Files.createDirectories(o.out().toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(o.out().toFile(), report);
        System.out.println("wrote " + o.out());
        System.exit(0); // HTTP client and server pools may leave non-daemon threads behind
    }

    private interface ThrowingSupplier {
        RequestPool get() throws Exception;
    }

    private static boolean post(HttpClient http, URI uri, dev.hallmark.core.crypto.Bytes body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("signedCertificateEmbeddedSct")) {
            throw new IllegalStateException("signingCert answered " + response.statusCode() + ": " + response.body());
        }
        return true;
    }



}
