package dev.hallmark.bench.peers;

/**
 * A Java verifier under measurement, set up for one {@link PeerCase}: trusted root loaded and policy built once, then
 * {@link #verifyOnce} parses the bundle JSON and verifies it, as a registry or CLI does per package. It throws on any
 * failure, including a verified signer that is not the expected identity, so a failure can never count as speed.
 */
sealed interface BundleVerifier permits HallmarkCoreVerifier, SigstoreJavaVerifier {
    String name();

    String version();

    void verifyOnce() throws Exception;

    static BundleVerifier create(String name, PeerCase c) throws Exception {
        return switch (name) {
            case HallmarkCoreVerifier.NAME -> new HallmarkCoreVerifier(c);
            case SigstoreJavaVerifier.NAME -> new SigstoreJavaVerifier(c);
            default -> throw new IllegalArgumentException("unknown verifier " + name + " (hallmark-core, sigstore-java)");
        };
    }
}
