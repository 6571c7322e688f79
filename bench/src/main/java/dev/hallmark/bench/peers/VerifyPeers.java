package dev.hallmark.bench.peers;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.bench.BenchEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java half of {@code ./bench/run-verify-peers} (the script drives it; the node half is
 * {@code bench/verify-peers/verify.mjs}):
 * <ul>
 *   <li>{@code sign --out DIR}: makes the Hallmark bundles ({@link HallmarkBundles});</li>
 *   <li>{@code measure --verifier hallmark-core|sigstore-java --cases FILE --case ID --warmup S --iterations N
 *       --seconds S}: one verifier, one bundle, one thread, in a JVM of its own (as JMH forks), printing one JSON line.</li>
 * </ul>
 * A verification failure ends the process with status 1 and no figure.
 */
public final class VerifyPeers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private VerifyPeers() {
    }

    public static void main(String[] args) throws Exception {
        BenchEnvironment.quietLogging();
        String command = args.length > 0 ? args[0] : "";
        try {
            Map<String, String> o = options(args);
            switch (command) {
                case "sign" -> HallmarkBundles.make(Path.of(require(o, "out")));
                case "measure" -> measure(o);
                default -> throw new IllegalArgumentException("usage: VerifyPeers sign --out DIR | measure --verifier NAME "
                        + "--cases FILE --case ID --warmup SECONDS --iterations N --seconds SECONDS");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("VerifyPeers: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void measure(Map<String, String> o) throws Exception {
        PeerCase c = PeerCase.read(Path.of(require(o, "cases")), require(o, "case"));
        String name = require(o, "verifier");
        if (c.exclude().containsKey(name)) {
            throw new IllegalArgumentException(name + " is excluded from " + c.id() + ": " + c.exclude().get(name));
        }
        double warmup = Double.parseDouble(require(o, "warmup"));
        int iterations = Integer.parseInt(require(o, "iterations"));
        double seconds = Double.parseDouble(require(o, "seconds"));
        BundleVerifier verifier = BundleVerifier.create(name, c);
        try {
            verifier.verifyOnce(); // a wrong setup fails here, before any timing
            Map<String, Object> warm = MeasureLoop.run(verifier, warmup);
            List<Map<String, Object>> measured = new ArrayList<>();
            for (int i = 0; i < iterations; i++) {
                measured.add(MeasureLoop.run(verifier, seconds));
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("verifier", verifier.name());
            r.put("version", verifier.version());
            r.put("runtime", "JDK " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")");
            r.put("case", c.id());
            r.put("warmup", warm);
            r.put("iterations", measured);
            System.out.println(JSON.writeValueAsString(r));
        } catch (Exception e) {
            System.err.println(name + " failed on " + c.id() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }

    private static String require(Map<String, String> o, String key) {
        String v = o.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + key);
        }
        return v;
    }
}
