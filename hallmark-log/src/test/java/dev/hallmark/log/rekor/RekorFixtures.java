package dev.hallmark.log.rekor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.bundle.Bundle;
import dev.hallmark.core.bundle.BundleCodec;
import dev.hallmark.core.bundle.BundleContent;
import dev.hallmark.core.bundle.BundleVersion;
import dev.hallmark.core.bundle.KeyMaterial;
import dev.hallmark.core.bundle.TlogEntry;
import dev.hallmark.core.bundle.TlogInclusionProof;
import dev.hallmark.core.bundle.VerificationMaterial;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.dsse.Envelope;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.note.NoteSigner;
import dev.hallmark.core.rekor.EntryBody;
import dev.hallmark.core.trust.PublicKeyMaterial;
import dev.hallmark.core.trust.TransparencyLog;
import dev.hallmark.core.trust.ValidityPeriod;
import dev.hallmark.log.api.LogApiResponse;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Rekor v1 test log (ECDSA P-256 key for SETs and checkpoints, as Rekor), proposed entries in the exact forms
 * sigstore-js sends them (sigstore.md §3.2), and the mapping of a LogEntry to a bundle entry (sigstore.md §3.5).
 */
public final class RekorFixtures {
    static final String HOST = "rekor.test.hallmark";
    static final long TREE_ID = 0x1234abcdL;
    static final String ORIGIN = HOST + " - " + TREE_ID;
    static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    final Signer logKey = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    final InMemoryTestLog log;
    final RekorV1Api api;

    RekorFixtures() {
        this(InstantSource.fixed(START), RekorLimits.defaults());
    }

    RekorFixtures(InstantSource clock, RekorLimits limits) {
        try {
            log = new InMemoryTestLog(ORIGIN, NoteSigner.of(HOST, logKey), clock);
        } catch (FormatException e) {
            throw new IllegalStateException(e);
        }
        api = new RekorV1Api(log, log, logKey, TREE_ID, "", limits);
    }

    /** This log as a trusted root lists it: base URL whose host signs the checkpoints, logId = SHA-256(SPKI). */
    TransparencyLog trustedLog() {
        Bytes spki = Keys.spki(logKey.publicKey());
        return new TransparencyLog("https://" + HOST, HashAlgorithm.SHA2_256,
                new PublicKeyMaterial(spki, SignatureAlgorithm.ECDSA_P256_SHA256, "PKIX_ECDSA_P256_SHA_256",
                        ValidityPeriod.from(Instant.parse("2020-01-01T00:00:00Z"))),
                Digest.sha256(spki.toArray()).value(), Optional.empty(), Optional.empty());
    }

    /** hashedrekord 0.0.1 as sigstore-js proposes it: sha256 of the artifact, signature, b64 of the PEM. */
    static Bytes hashedRekord(Digest digest, Bytes signature, String pem) {
        ObjectNode root = Json.object();
        root.put("apiVersion", "0.0.1");
        root.put("kind", "hashedrekord");
        ObjectNode spec = root.putObject("spec");
        ObjectNode hash = spec.putObject("data").putObject("hash");
        hash.put("algorithm", digest.algorithm().shortName());
        hash.put("value", digest.hex());
        ObjectNode sig = spec.putObject("signature");
        sig.put("content", signature.base64());
        sig.putObject("publicKey").put("content", Bytes.utf8(pem).base64());
        return Bytes.of(Json.write(root));
    }

    static Bytes hashedRekord(Signer signer, byte[] artifact) {
        return hashedRekord(Digest.sha256(artifact), signer.sign(artifact), Keys.toPem(signer.publicKey()));
    }

    /** dsse 0.0.1: {@code proposedContent} with the envelope as JSON text and b64-of-PEM verifiers. */
    static Bytes dsse(String envelopeJson, String... pems) {
        return dev.hallmark.core.rekor.RekorV1Entries.proposedDsse(envelopeJson, List.of(pems));
    }

    /** intoto 0.0.2 as sigstore-js writes it: payload and sig base64 twice, publicKey b64 of PEM, the two hashes. */
    static Bytes intoto(Envelope envelope, String pem) {
        ObjectNode root = Json.object();
        root.put("apiVersion", "0.0.2");
        root.put("kind", "intoto");
        ObjectNode content = root.putObject("spec").putObject("content");
        ObjectNode env = content.putObject("envelope");
        env.put("payloadType", envelope.payloadType());
        env.put("payload", Bytes.utf8(envelope.payload().base64()).base64());
        ObjectNode sig = env.putArray("signatures").addObject();
        sig.put("sig", Bytes.utf8(envelope.signatures().get(0).sig().base64()).base64());
        sig.put("publicKey", Bytes.utf8(pem).base64());
        ObjectNode hashed = Json.object(); // the JCS envelope sigstore-js hashes (sigstore.md §3.2)
        hashed.put("payload", envelope.payload().base64());
        hashed.put("payloadType", envelope.payloadType());
        ObjectNode hashedSig = hashed.putArray("signatures").addObject();
        hashedSig.put("publicKey", pem);
        hashedSig.put("sig", envelope.signatures().get(0).sig().base64());
        content.set("hash", v1Hash(Digest.sha256(dev.hallmark.core.json.CanonicalJson.canonicalize(hashed))));
        content.set("payloadHash", v1Hash(Digest.sha256(envelope.payload().toArray())));
        return Bytes.of(Json.write(root));
    }

    private static ObjectNode v1Hash(Digest digest) {
        ObjectNode hash = Json.object();
        hash.put("algorithm", "sha256");
        hash.put("value", digest.hex());
        return hash;
    }

    static JsonNode json(LogApiResponse response) {
        try {
            return Json.parse(response.body().toArray(), 1 << 24);
        } catch (FormatException e) {
            throw new AssertionError("response is not JSON: " + response.bodyText(), e);
        }
    }

    /** The single {@code entryID → LogEntryAnon} pair of a LogEntry. */
    static Map.Entry<String, JsonNode> only(JsonNode logEntry) {
        if (logEntry.size() != 1) {
            throw new AssertionError("a LogEntry has exactly one key: " + logEntry);
        }
        return logEntry.properties().iterator().next();
    }

    /** sigstore.md §3.5: a Rekor v1 LogEntry as a bundle's TransparencyLogEntry. */
    public static TlogEntry bundleEntry(JsonNode logEntry) throws FormatException {
        return dev.hallmark.core.rekor.RekorV1Entries.toTlogEntry(logEntry);
    }

    /** A v0.3 bundle with one entry, written and parsed again as a client would store and read it. */
    static Bundle bundle(KeyMaterial key, BundleContent content, TlogEntry entry) throws FormatException {
        Bundle bundle = new Bundle(BundleVersion.V0_3, new VerificationMaterial(key, List.of(entry), List.of()), content);
        return BundleCodec.parse(BundleCodec.write(bundle));
    }
}
