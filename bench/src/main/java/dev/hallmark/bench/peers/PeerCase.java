package dev.hallmark.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One bundle every verifier of {@code run-verify-peers} verifies, with what it is checked against: the trusted root,
 * the artifact digest (for DSSE, the in-toto subject), and the exact identity (SAN and issuer) of the signer. The
 * cases file is shared with the node side ({@code bench/verify-peers/verify.mjs}), so both read the same description;
 * {@code exclude} names verifiers that cannot take part and why, so an exclusion is declared, never discovered.
 */
record PeerCase(String id, String origin, Path bundle, Path trustedRoot, Optional<Path> artifact, Content content,
        String digestAlgorithm, String digestHex, String san, String issuer, Map<String, String> exclude) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long MAX_CASES_BYTES = 1024 * 1024;

    enum Content { MESSAGE_SIGNATURE, DSSE }

    PeerCase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(trustedRoot, "trustedRoot");
        Objects.requireNonNull(content, "content");
        if (!digestHex.matches("[0-9a-f]{64}|[0-9a-f]{128}")) {
            throw new IllegalArgumentException(id + ": digest is not 64 or 128 hex digits");
        }
        if (san.isBlank() || issuer.isBlank()) {
            throw new IllegalArgumentException(id + ": every case names the signer's identity");
        }
        if (content == Content.MESSAGE_SIGNATURE && artifact.isEmpty()) {
            throw new IllegalArgumentException(id + ": a message signature needs its artifact (@sigstore/verify hashes it)");
        }
        exclude = Map.copyOf(exclude);
    }

    /** The case {@code id} of a cases file ({@code {"cases": [...]}}, absolute paths). */
    static PeerCase read(Path casesFile, String id) throws IOException {
        if (Files.size(casesFile) > MAX_CASES_BYTES) {
            throw new IllegalArgumentException(casesFile + " is larger than " + MAX_CASES_BYTES + " bytes");
        }
        for (JsonNode c : JSON.readTree(casesFile.toFile()).path("cases")) {
            if (c.path("id").asText().equals(id)) {
                return parse(c);
            }
        }
        throw new IllegalArgumentException("no case " + id + " in " + casesFile);
    }

    private static PeerCase parse(JsonNode c) {
        Map<String, String> exclude = new LinkedHashMap<>();
        c.path("exclude").fields().forEachRemaining(e -> exclude.put(e.getKey(), e.getValue().asText()));
        Content content = switch (c.path("content").asText()) {
            case "messageSignature" -> Content.MESSAGE_SIGNATURE;
            case "dsse" -> Content.DSSE;
            default -> throw new IllegalArgumentException(c.path("id").asText() + ": content must be messageSignature or dsse");
        };
        return new PeerCase(c.path("id").asText(), c.path("origin").asText(), Path.of(c.path("bundle").asText()),
                Path.of(c.path("trustedRoot").asText()),
                c.hasNonNull("artifact") ? Optional.of(Path.of(c.path("artifact").asText())) : Optional.empty(), content,
                c.path("digest").path("algorithm").asText(), c.path("digest").path("hex").asText(),
                c.path("identity").path("san").asText(), c.path("identity").path("issuer").asText(), exclude);
    }
}
