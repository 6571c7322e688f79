package dev.hallmark.core.x509;

import java.util.Objects;

/**
 * The one subjectAltName a Fulcio leaf carries (sigstore.md §1.2): a URI for workflow identities, an rfc822Name for
 * e-mail identities, or an otherName of type 1.3.6.1.4.1.57264.1.7 holding a UTF8String for usernames.
 */
public sealed interface SubjectAlternativeName
        permits SubjectAlternativeName.UriName, SubjectAlternativeName.EmailName, SubjectAlternativeName.OtherName {

    /** The otherName type-id Fulcio uses for username identities. */
    String OTHER_NAME_TYPE = FulcioExtension.ARC + ".7";

    String value();

    record UriName(String value) implements SubjectAlternativeName {
        public UriName {
            Objects.requireNonNull(value, "value");
        }
    }

    record EmailName(String value) implements SubjectAlternativeName {
        public EmailName {
            Objects.requireNonNull(value, "value");
        }
    }

    record OtherName(String value) implements SubjectAlternativeName {
        public OtherName {
            Objects.requireNonNull(value, "value");
        }
    }
}
