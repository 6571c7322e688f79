package dev.hallmark.core.x509;

/** The extended key usages Sigstore requires of a leaf (RFC 5280 §4.2.1.12). */
public enum KeyPurpose {
    /** Fulcio leaves (sigstore.md §1.2, §8 step 3.4). */
    CODE_SIGNING("1.3.6.1.5.5.7.3.3"),
    /** TSA signing certificates (RFC 3161 §2.3, sigstore.md §5). */
    TIME_STAMPING("1.3.6.1.5.5.7.3.8");

    private final String oid;

    KeyPurpose(String oid) {
        this.oid = oid;
    }

    public String oid() {
        return oid;
    }
}
