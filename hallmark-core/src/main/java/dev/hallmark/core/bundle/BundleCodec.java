package dev.hallmark.core.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.dsse.Envelope;
import dev.hallmark.core.dsse.EnvelopeSignature;
import dev.hallmark.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The proto3 JSON form of a Sigstore bundle (sigstore.md §6.2): reads v0.1, v0.2 and v0.3, writes v0.3. Parsing
 * enforces the structural rules of sigstore.md §8 step 1, so a {@link Bundle} is always well formed.
 */
public final class BundleCodec {
    /** npm caps attestation bundles well below this; a larger bundle is not something a client produced. */
    public static final int MAX_BYTES = 8 * 1024 * 1024;
    static final int MAX_CERTIFICATES = 10;
    static final int MAX_TLOG_ENTRIES = 32;
    static final int MAX_TIMESTAMPS = 32;
    static final int MAX_PROOF_HASHES = 64;
    /** The last second {@link java.time.Instant} represents; later integrated times are nonsense, not times. */
    static final long MAX_EPOCH_SECOND = java.time.Instant.MAX.getEpochSecond();

    private BundleCodec() {
    }

    public static Bundle parse(byte[] json) throws FormatException {
        try {
            return parseChecked(json);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // a record invariant the field checks did not anticipate: still malformed input, never a crash
            throw new FormatException("invalid bundle: " + e.getMessage());
        }
    }

    private static Bundle parseChecked(byte[] json) throws FormatException {
        JsonNode root = Json.parseObject(json, MAX_BYTES);
        BundleVersion version = BundleVersion.fromMediaType(Json.requireNonEmptyText(root, "mediaType"));
        JsonNode material = Json.requireObject(root, "verificationMaterial");
        KeyMaterial keyMaterial = keyMaterial(material, version);
        List<TlogEntry> entries = new ArrayList<>();
        for (JsonNode entry : Json.optionalArray(material, "tlogEntries")) {
            entries.add(tlogEntry(entry, version));
            if (entries.size() > MAX_TLOG_ENTRIES) {
                throw new FormatException("too many tlog entries");
            }
        }
        List<Bytes> timestamps = new ArrayList<>();
        JsonNode tsData = material.get("timestampVerificationData");
        if (tsData != null && !tsData.isNull()) {
            for (JsonNode ts : Json.optionalArray(tsData, "rfc3161Timestamps")) {
                timestamps.add(Json.requireBase64(ts, "signedTimestamp"));
                if (timestamps.size() > MAX_TIMESTAMPS) {
                    throw new FormatException("too many timestamps");
                }
            }
        }
        return new Bundle(version, new VerificationMaterial(keyMaterial, entries, timestamps), content(root));
    }

    private static KeyMaterial keyMaterial(JsonNode material, BundleVersion version) throws FormatException {
        int kinds = (material.has("certificate") ? 1 : 0) + (material.has("x509CertificateChain") ? 1 : 0)
                + (material.has("publicKey") ? 1 : 0);
        if (kinds != 1) {
            throw new FormatException("verification material must have exactly one of certificate, x509CertificateChain, publicKey");
        }
        if (material.has("publicKey")) {
            JsonNode key = Json.requireObject(material, "publicKey");
            return new KeyMaterial.PublicKeyHint(Json.optionalText(key, "hint").orElse(""));
        }
        if (material.has("certificate")) {
            if (version != BundleVersion.V0_3) {
                throw new FormatException("a single certificate needs bundle v0.3");
            }
            return new KeyMaterial.Certificate(
                    Json.requireBase64(Json.requireObject(material, "certificate"), "rawBytes"));
        }
        // v0.3 forbids chains (sigstore.md §6.1); sigstore-js agrees, sigstore-java does not: we follow the spec.
        if (version == BundleVersion.V0_3) {
            throw new FormatException("bundle v0.3 must carry a single certificate, not a chain");
        }
        List<Bytes> chain = new ArrayList<>();
        for (JsonNode cert : Json.optionalArray(
                Json.requireObject(material, "x509CertificateChain"), "certificates")) {
            chain.add(Json.requireBase64(cert, "rawBytes"));
        }
        if (chain.isEmpty()) {
            throw new FormatException("empty certificate chain");
        }
        if (chain.size() > MAX_CERTIFICATES) {
            throw new FormatException("certificate chain longer than " + MAX_CERTIFICATES);
        }
        return new KeyMaterial.CertificateChain(chain);
    }

    /**
     * One {@code TransparencyLogEntry} as proto3 JSON, held to the v0.3 rules (an inclusion proof with a checkpoint):
     * what a Rekor v2 log answers to {@code POST /api/v2/log/entries} (sigstore.md §4.1).
     */
    public static TlogEntry parseTlogEntry(byte[] json) throws FormatException {
        return tlogEntry(Json.parseObject(json, MAX_BYTES), BundleVersion.V0_3);
    }

    private static TlogEntry tlogEntry(JsonNode entry, BundleVersion version) throws FormatException {
        JsonNode kindVersion = Json.requireObject(entry, "kindVersion");
        Optional<Bytes> set = Optional.empty();
        JsonNode promise = entry.get("inclusionPromise");
        if (promise != null && !promise.isNull()) {
            set = Optional.of(Json.requireBase64(promise, "signedEntryTimestamp"));
        }
        Optional<TlogInclusionProof> proof = Optional.empty();
        JsonNode proofNode = entry.get("inclusionProof");
        if (proofNode != null && !proofNode.isNull()) {
            proof = Optional.of(inclusionProof(proofNode));
        }
        long integratedTime = Json.optionalInt64String(entry, "integratedTime").orElse(0L);
        if (integratedTime > MAX_EPOCH_SECOND) {
            throw new FormatException("integratedTime " + integratedTime + " is beyond any representable time");
        }
        if (version == BundleVersion.V0_1 && set.isEmpty()) {
            throw new FormatException("bundle v0.1 tlog entries need an inclusion promise");
        }
        if (version != BundleVersion.V0_1 && (proof.isEmpty() || proof.get().checkpoint().isEmpty())) {
            throw new FormatException("bundle " + version + " tlog entries need an inclusion proof with a checkpoint");
        }
        try {
            return new TlogEntry(
                    Json.optionalInt64String(entry, "logIndex").orElse(0L), // proto3 JSON omits a zero index
                    Json.requireBase64(Json.requireObject(entry, "logId"), "keyId"),
                    Json.requireNonEmptyText(kindVersion, "kind"),
                    Json.requireNonEmptyText(kindVersion, "version"),
                    integratedTime,
                    set,
                    proof,
                    Json.requireBase64(entry, "canonicalizedBody"));
        } catch (IllegalArgumentException e) {
            throw new FormatException("invalid tlog entry: " + e.getMessage());
        }
    }

    private static TlogInclusionProof inclusionProof(JsonNode node) throws FormatException {
        List<Bytes> hashes = new ArrayList<>();
        for (JsonNode h : Json.optionalArray(node, "hashes")) {
            if (!h.isTextual()) {
                throw new FormatException("inclusion proof hashes must be base64 strings");
            }
            hashes.add(Bytes.fromBase64(h.textValue()));
            if (hashes.size() > MAX_PROOF_HASHES) {
                throw new FormatException("inclusion proof longer than " + MAX_PROOF_HASHES);
            }
        }
        Optional<String> checkpoint = Optional.empty();
        JsonNode cp = node.get("checkpoint");
        if (cp != null && !cp.isNull()) {
            checkpoint = Optional.of(Json.requireNonEmptyText(cp, "envelope"));
        }
        return new TlogInclusionProof(
                Json.optionalInt64String(node, "logIndex").orElse(0L),
                Json.requireBase64(node, "rootHash"),
                Json.optionalInt64String(node, "treeSize").orElse(0L),
                hashes,
                checkpoint);
    }

    private static BundleContent content(JsonNode root) throws FormatException {
        boolean message = root.has("messageSignature");
        boolean dsse = root.has("dsseEnvelope");
        if (message == dsse) {
            throw new FormatException("bundle must have exactly one of messageSignature and dsseEnvelope");
        }
        if (message) {
            JsonNode node = Json.requireObject(root, "messageSignature");
            Optional<Digest> digest = Optional.empty();
            JsonNode md = node.get("messageDigest");
            if (md != null && !md.isNull()) {
                digest = Optional.of(Digest.of(HashAlgorithm.parse(Json.requireNonEmptyText(md, "algorithm")), Json.requireBase64(md, "digest")));
            }
            Bytes signature = Json.requireBase64(node, "signature");
            if (signature.isEmpty()) {
                throw new FormatException("empty message signature");
            }
            return new MessageSignature(digest, signature);
        }
        JsonNode node = Json.requireObject(root, "dsseEnvelope");
        List<EnvelopeSignature> signatures = new ArrayList<>();
        for (JsonNode sig : Json.optionalArray(node, "signatures")) {
            Bytes value = Json.requireBase64(sig, "sig");
            if (value.isEmpty()) {
                throw new FormatException("empty DSSE signature");
            }
            signatures.add(new EnvelopeSignature(Json.optionalText(sig, "keyid").orElse(""), value));
        }
        if (signatures.size() != 1) {
            throw new FormatException("a bundle's DSSE envelope must have exactly one signature, not " + signatures.size());
        }
        try {
            return new DsseContent(new Envelope(Json.requireNonEmptyText(node, "payloadType"), Json.requireBase64(node, "payload"), signatures));
        } catch (IllegalArgumentException e) {
            throw new FormatException("invalid DSSE envelope: " + e.getMessage());
        }
    }

    /**
     * Writes a bundle as v0.3 JSON; a v0.1/v0.2 chain is written as its leaf alone, as v0.3 requires. A bundle whose
     * log entries lack an inclusion proof with a checkpoint cannot be a v0.3 bundle and is refused.
     */
    public static byte[] write(Bundle bundle) {
        for (TlogEntry e : bundle.verificationMaterial().tlogEntries()) {
            if (e.inclusionProof().flatMap(TlogInclusionProof::checkpoint).isEmpty()) {
                throw new IllegalArgumentException("a v0.3 bundle needs an inclusion proof with a checkpoint for every log entry");
            }
        }
        ObjectNode root = Json.object();
        root.put("mediaType", BundleVersion.V0_3.mediaType());
        ObjectNode material = root.putObject("verificationMaterial");
        switch (bundle.verificationMaterial().keyMaterial()) {
            case KeyMaterial.Certificate c -> material.putObject("certificate").put("rawBytes", c.der().base64());
            case KeyMaterial.CertificateChain c -> material.putObject("certificate").put("rawBytes", c.certificates().get(0).base64());
            case KeyMaterial.PublicKeyHint h -> material.putObject("publicKey").put("hint", h.hint());
        }
        ArrayNode entries = material.putArray("tlogEntries");
        for (TlogEntry e : bundle.verificationMaterial().tlogEntries()) {
            ObjectNode node = entries.addObject();
            node.put("logIndex", Long.toString(e.logIndex()));
            node.putObject("logId").put("keyId", e.logId().base64());
            node.putObject("kindVersion").put("kind", e.kind()).put("version", e.version());
            node.put("integratedTime", Long.toString(e.integratedTime()));
            e.signedEntryTimestamp().ifPresent(set -> node.putObject("inclusionPromise").put("signedEntryTimestamp", set.base64()));
            e.inclusionProof().ifPresent(p -> {
                ObjectNode proof = node.putObject("inclusionProof");
                proof.put("logIndex", Long.toString(p.logIndex()));
                proof.put("rootHash", p.rootHash().base64());
                proof.put("treeSize", Long.toString(p.treeSize()));
                ArrayNode hashes = proof.putArray("hashes");
                p.hashes().forEach(h -> hashes.add(h.base64()));
                p.checkpoint().ifPresent(cp -> proof.putObject("checkpoint").put("envelope", cp));
            });
            node.put("canonicalizedBody", e.canonicalizedBody().base64());
        }
        ArrayNode timestamps = material.putObject("timestampVerificationData").putArray("rfc3161Timestamps");
        bundle.verificationMaterial().rfc3161Timestamps().forEach(t -> timestamps.addObject().put("signedTimestamp", t.base64()));
        switch (bundle.content()) {
            case MessageSignature m -> {
                ObjectNode node = root.putObject("messageSignature");
                m.messageDigest().ifPresent(d -> node.putObject("messageDigest")
                        .put("algorithm", d.algorithm().name()).put("digest", d.value().base64()));
                node.put("signature", m.signature().base64());
            }
            case DsseContent d -> {
                ObjectNode node = root.putObject("dsseEnvelope");
                node.put("payload", d.envelope().payload().base64());
                node.put("payloadType", d.envelope().payloadType());
                ArrayNode sigs = node.putArray("signatures");
                d.envelope().signatures().forEach(s -> sigs.addObject().put("sig", s.sig().base64()).put("keyid", s.keyid()));
            }
        }
        return Json.writePretty(root);
    }
}
