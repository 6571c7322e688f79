package dev.hallmark.core.x509;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.crypto.Bytes;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** A minimal trusted_root.json reader for tests, until the trust package exists (sigstore.md §7.1). */
public final class TestTrustedRoot {
    public record Entry(List<X509Certificate> chain, Instant start, Optional<Instant> end) {
        public CertificateAuthority toCertificateAuthority() {
            return new CertificateAuthority(chain, start, end);
        }
    }

    public record CtLog(Bytes logId, Bytes spki, String keyDetails) {
    }

    private final JsonNode root;

    private TestTrustedRoot(JsonNode root) {
        this.root = root;
    }

    public static TestTrustedRoot load(String vectorPath) throws Exception {
        return new TestTrustedRoot(new ObjectMapper().readTree(Vectors.bytes(vectorPath)));
    }

    public List<CertificateAuthority> certificateAuthorities() throws Exception {
        return entries("certificateAuthorities").stream().map(Entry::toCertificateAuthority).toList();
    }

    public List<Entry> timestampAuthorities() throws Exception {
        return entries("timestampAuthorities");
    }

    public List<CtLog> ctlogs() throws Exception {
        List<CtLog> out = new ArrayList<>();
        for (JsonNode log : root.path("ctlogs")) {
            out.add(new CtLog(Bytes.fromBase64(log.path("logId").path("keyId").asText()),
                    Bytes.fromBase64(log.path("publicKey").path("rawBytes").asText()),
                    log.path("publicKey").path("keyDetails").asText()));
        }
        return out;
    }

    private List<Entry> entries(String field) throws Exception {
        List<Entry> out = new ArrayList<>();
        for (JsonNode ca : root.path(field)) {
            List<X509Certificate> chain = new ArrayList<>();
            for (JsonNode c : ca.path("certChain").path("certificates")) {
                chain.add(Certificates.parseDer(Bytes.of(Base64.getDecoder().decode(c.path("rawBytes").asText()))));
            }
            JsonNode validFor = ca.path("validFor");
            out.add(new Entry(chain, Instant.parse(validFor.path("start").asText()),
                    validFor.hasNonNull("end") ? Optional.of(Instant.parse(validFor.path("end").asText())) : Optional.empty()));
        }
        return out;
    }

    /** The leaf of a bundle: {@code certificate.rawBytes} (v0.3) or the first of {@code x509CertificateChain}. */
    public static List<X509Certificate> bundleCertificates(String vectorPath) throws Exception {
        JsonNode vm = new ObjectMapper().readTree(Vectors.bytes(vectorPath)).path("verificationMaterial");
        List<X509Certificate> out = new ArrayList<>();
        if (vm.has("certificate")) {
            out.add(Certificates.parseDer(Bytes.fromBase64(vm.path("certificate").path("rawBytes").asText())));
        }
        for (JsonNode c : vm.path("x509CertificateChain").path("certificates")) {
            out.add(Certificates.parseDer(Bytes.fromBase64(c.path("rawBytes").asText())));
        }
        return out;
    }
}
