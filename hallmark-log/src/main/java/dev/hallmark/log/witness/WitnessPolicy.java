package dev.hallmark.log.witness;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.note.CosignatureVerifier;
import dev.hallmark.core.note.VerifierKey;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which witnesses the log asks to cosign its checkpoints and how many must answer before one is published
 * (sigstore.md §4.4). Parsed from the policy text Tessera and rekor-tiles read ({@code --witness-policy-path}):
 * <pre>
 * # comment
 * witness &lt;name&gt; &lt;vkey&gt; &lt;url&gt;     a C2SP tlog-witness, its cosignature/v1 vkey and submission prefix
 * group &lt;name&gt; &lt;all|any|k&gt; &lt;member&gt;…   k of the members (earlier witnesses or groups)
 * quorum &lt;name&gt;…|&lt;k&gt;|none       all of the named witnesses/groups, or k of all witnesses, or nothing
 * </pre>
 *
 * <p>{@code failOpen} publishes a checkpoint even when the quorum is not met, as rekor-tiles does; Hallmark defaults
 * to {@code false}: a checkpoint without its quorum is withheld and retried on the next integration round.
 */
public record WitnessPolicy(List<Witness> witnesses, Quorum quorum, boolean failOpen) {
    static final int MAX_TEXT = 64 * 1024;
    static final int MAX_LINE = 2048;
    /** Signed notes carry at most 100 lines (core {@code NoteFormat}); leave room for the log's own signatures. */
    static final int MAX_WITNESSES = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");
    private static final Pattern COUNT = Pattern.compile("[1-9][0-9]{0,2}");

    /** A witness: the policy's name for it, its cosignature key, and the URL prefix {@code add-checkpoint} hangs off. */
    public record Witness(String name, VerifierKey key, URI url) {
        public Witness {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(url, "url");
            if (Objects.requireNonNull(key, "key").type() != VerifierKey.TYPE_COSIGNATURE_V1) {
                throw new IllegalArgumentException("a witness key must be a cosignature/v1 (type 0x04) vkey");
            }
        }

        /** The core verifier for this witness's cosignature lines (matched by the vkey's name and key ID). */
        public CosignatureVerifier verifier() {
            try {
                return (CosignatureVerifier) key.verifier();
            } catch (FormatException e) {
                throw new IllegalStateException("validated vkey no longer parses", e);
            }
        }
    }

    public WitnessPolicy {
        witnesses = List.copyOf(witnesses);
        Objects.requireNonNull(quorum, "quorum");
        Set<String> names = new HashSet<>();
        for (Witness w : witnesses) {
            if (!names.add(w.name())) {
                throw new IllegalArgumentException("duplicate witness name " + w.name());
            }
        }
    }

    /** A policy with no witnesses: the engine publishes exactly as it would without a cosigner. */
    public static WitnessPolicy none() {
        return new WitnessPolicy(List.of(), new Quorum.None(), false);
    }

    public WitnessPolicy withFailOpen(boolean open) {
        return new WitnessPolicy(witnesses, quorum, open);
    }

    /** Parses policy text; errors name their 1-based line ("line 3: …"). The result is fail-closed. */
    public static WitnessPolicy parse(String text) throws FormatException {
        if (text == null || text.length() > MAX_TEXT) {
            throw new FormatException("witness policy missing or larger than " + MAX_TEXT + " characters");
        }
        List<Witness> witnesses = new ArrayList<>();
        Map<String, Quorum> named = new HashMap<>();
        Set<VerifierKey> keys = new HashSet<>();
        Quorum quorum = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            try {
                if (line.length() > MAX_LINE || content.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                    throw new FormatException("line too long or has control characters");
                }
                String[] f = content.split("[ \t]+");
                switch (f[0]) {
                    case "witness" -> {
                        expect(f.length == 4, "witness <name> <vkey> <url>");
                        String name = newName(f[1], named);
                        VerifierKey key = VerifierKey.parse(f[2]);
                        expect(key.type() == VerifierKey.TYPE_COSIGNATURE_V1, "witness key is not a cosignature/v1 vkey");
                        expect(keys.add(key), "witness key listed twice");
                        expect(witnesses.size() < MAX_WITNESSES, "more than " + MAX_WITNESSES + " witnesses");
                        Witness w = new Witness(name, key, url(f[3]));
                        witnesses.add(w);
                        named.put(name, new Quorum.Witness(name));
                    }
                    case "group" -> {
                        expect(f.length >= 4, "group <name> <all|any|k> <member>...");
                        String name = newName(f[1], named);
                        List<Quorum> members = members(f, 3, named);
                        int k = switch (f[2]) {
                            case "all" -> members.size();
                            case "any" -> 1;
                            default -> count(f[2], members.size());
                        };
                        named.put(name, new Quorum.Group(k, members));
                    }
                    case "quorum" -> {
                        expect(quorum == null, "more than one quorum line");
                        expect(f.length >= 2, "quorum <name>...|<k>|none");
                        quorum = quorum(f, named, witnesses);
                    }
                    default -> throw new FormatException("unknown keyword " + f[0]);
                }
            } catch (FormatException e) {
                throw new FormatException("line " + (i + 1) + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new FormatException("line " + (i + 1) + ": invalid value", e);
            }
        }
        if (quorum == null) {
            throw new FormatException("line " + lines.length + ": witness policy has no quorum line");
        }
        return new WitnessPolicy(witnesses, quorum, false);
    }

    private static Quorum quorum(String[] f, Map<String, Quorum> named, List<Witness> witnesses)
            throws FormatException {
        if (f.length == 2 && f[1].equals("none")) {
            return new Quorum.None();
        }
        if (f.length == 2 && COUNT.matcher(f[1]).matches()) {
            expect(!witnesses.isEmpty(), "quorum of k witnesses but no witness is listed");
            int k = count(f[1], witnesses.size());
            return new Quorum.Group(k, witnesses.stream().map(w -> (Quorum) new Quorum.Witness(w.name())).toList());
        }
        List<Quorum> members = members(f, 1, named);
        return members.size() == 1 ? members.get(0) : new Quorum.Group(members.size(), members);
    }

    private static List<Quorum> members(String[] f, int from, Map<String, Quorum> named) throws FormatException {
        List<Quorum> members = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int j = from; j < f.length; j++) {
            Quorum q = named.get(f[j]);
            expect(q != null, "unknown witness or group " + f[j] + " (define it on an earlier line)");
            expect(seen.add(f[j]), "member " + f[j] + " listed twice");
            members.add(q);
        }
        return members;
    }

    private static int count(String s, int max) throws FormatException {
        expect(COUNT.matcher(s).matches(), "threshold is not all, any or a positive number");
        int k = Integer.parseInt(s);
        expect(k <= max, "threshold " + k + " exceeds the " + max + " members");
        return k;
    }

    private static String newName(String name, Map<String, Quorum> named) throws FormatException {
        expect(NAME.matcher(name).matches() && !name.equals("none") && !COUNT.matcher(name).matches(),
                "invalid name " + name);
        expect(!named.containsKey(name), "name " + name + " defined twice");
        return name;
    }

    /** The submission prefix: absolute http(s), a host, no user info, query or fragment; any final '/' dropped. */
    private static URI url(String s) throws FormatException {
        try {
            URI u = new URI(s);
            expect(u.getScheme() != null && (u.getScheme().equals("https") || u.getScheme().equals("http")),
                    "witness URL must be http or https");
            expect(u.getHost() != null && u.getRawUserInfo() == null && u.getRawQuery() == null
                    && u.getRawFragment() == null, "witness URL needs a host and no user info, query or fragment");
            String path = u.getRawPath() == null ? "" : u.getRawPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return new URI(u.getScheme() + "://" + u.getRawAuthority() + path);
        } catch (URISyntaxException e) {
            throw new FormatException("witness URL is not a URI");
        }
    }

    private static void expect(boolean ok, String problem) throws FormatException {
        if (!ok) {
            throw new FormatException(problem);
        }
    }
}
