package dev.hallmark.ca.fulcio;

import dev.hallmark.core.x509.FulcioExtension;
import dev.hallmark.core.x509.SubjectAlternativeName;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who the certificate names (sigstore.md §1.4 step 1): the one subjectAltName and the Sigstore extension values,
 * ordered by OID (1.1–1.6, then 1.8–1.24, sigstore.md §1.2), none of them empty.
 */
public record Principal(SubjectAlternativeName san, Map<FulcioExtension, String> extensions) {
    public Principal {
        Objects.requireNonNull(san, "san");
        EnumMap<FulcioExtension, String> copy = new EnumMap<>(FulcioExtension.class);
        copy.putAll(Objects.requireNonNull(extensions, "extensions"));
        if (san.value().isEmpty() || copy.containsValue("")) {
            throw new IllegalArgumentException("empty values are omitted, never emitted");
        }
        extensions = Collections.unmodifiableMap(copy);
    }
}
