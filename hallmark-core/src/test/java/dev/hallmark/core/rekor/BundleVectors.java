package dev.hallmark.core.rekor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Every Sigstore bundle in the shared vectors, with each of its tlog entries. */
final class BundleVectors {
    /** One tlog entry of one bundle; {@code label} is {@code <path>[#attestation][@entry]}. */
    record Entry(String label, JsonNode bundle, JsonNode tlogEntry) {
        Bytes body() throws FormatException {
            return Bytes.fromBase64(tlogEntry.get("canonicalizedBody").textValue());
        }

        /** The leaf certificate or null: v0.3 {@code certificate}, else the first of {@code x509CertificateChain}. */
        Bytes certificate() throws FormatException {
            JsonNode material = bundle.get("verificationMaterial");
            if (material.has("certificate")) {
                return Bytes.fromBase64(material.get("certificate").get("rawBytes").textValue());
            }
            JsonNode chain = material.path("x509CertificateChain").path("certificates");
            if (chain.isArray() && !chain.isEmpty()) {
                return Bytes.fromBase64(material.get("x509CertificateChain").get("certificates").get(0).get("rawBytes").textValue());
            }
            return null;
        }

        Optional<JsonNode> messageSignature() {
            return Optional.ofNullable(bundle.get("messageSignature"));
        }

        Optional<JsonNode> dsseEnvelope() {
            return Optional.ofNullable(bundle.get("dsseEnvelope"));
        }
    }

    private BundleVectors() {
    }

    static List<Entry> all() {
        List<Entry> entries = new ArrayList<>();
        for (String folder : List.of("conformance/bundle-verify", "npm", "java/bundles")) {
            Path root = Vectors.path(folder);
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (!name.endsWith(".json") && !name.endsWith(".sigstore")) {
                        continue;
                    }
                    String label = Vectors.shared().resolve("vectors").relativize(file).toString();
                    JsonNode json;
                    try {
                        json = Json.parse(Files.readAllBytes(file), 1 << 24);
                    } catch (FormatException e) {
                        continue; // deliberately malformed JSON files (bundle-malformed-json_fail, bad-bundle.json)
                    }
                    if (json.has("verificationMaterial")) {
                        add(entries, label, json);
                    } else if (json.has("attestations")) {
                        int i = 0;
                        for (JsonNode attestation : json.get("attestations")) {
                            add(entries, label + "#" + i++, attestation.get("bundle"));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return entries;
    }

    private static void add(List<Entry> entries, String label, JsonNode bundle) {
        JsonNode material = bundle.get("verificationMaterial");
        if (material == null || !material.isObject() || !material.has("tlogEntries")) {
            return;
        }
        int i = 0;
        for (JsonNode entry : material.get("tlogEntries")) {
            entries.add(new Entry(material.get("tlogEntries").size() == 1 ? label : label + "@" + i, bundle, entry));
            i++;
        }
    }
}
