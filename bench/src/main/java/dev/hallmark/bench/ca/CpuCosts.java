package dev.hallmark.bench.ca;

import dev.hallmark.ca.fulcio.SubjectKey;
import dev.hallmark.ca.oidc.FederatedTokenVerifier;
import dev.hallmark.ca.oidc.IssuerConfig;
import dev.hallmark.ca.oidc.TokenVerifier;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.PublicKeyVerifier;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CPU cost, on one thread, of each piece of an issuance that has no seam to time it in place (issue 4 puts the
 * limit "near 10,000/s" from two ECDSA signatures and one JWT check): the JWT check, the proof of possession (key
 * parse + P-256 verify), the intermediate's P-384 signature (twice per certificate: precertificate and final), the CT
 * log's P-256 SCT signature, and the self-check's two verifications (P-384 chain, P-256 SCT). Also the client's key
 * generation, which the harness does before timing, and the P-384 signature through BouncyCastle for comparison.
 */
final class CpuCosts {
    private static final long WARM_NANOS = 1_000_000_000L;
    private static final long RUN_NANOS = 2_000_000_000L;

    private CpuCosts() {
    }

    interface Op {
        void run(int i) throws Exception;
    }

    static Map<String, Object> measure(RequestPool pool, String issuerUrl) throws Exception {
        Map<String, Object> micros = new LinkedHashMap<>();
        TokenVerifier tokens = FederatedTokenVerifier.create(List.of(new IssuerConfig(Optional.of(issuerUrl),
                Optional.empty(), "sigstore", IssuerConfig.IssuerType.GITHUB_WORKFLOW, "sub")), InstantSource.system());
        List<String> jwts = pool.tokens();
        micros.put("jwtVerify", perOp(i -> tokens.verify(jwts.get(i % jwts.size()))));

        Signer client = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        Bytes pem = Bytes.utf8(Keys.toPem(client.publicKey()));
        Bytes sub = Bytes.utf8("repo:bench/pkg-0:ref:refs/tags/v1.0.0");
        Bytes proof = client.sign(sub);
        micros.put("proofOfPossession", perOp(i -> SubjectKey.parse(pem).verifyProofOfPossession(sub, proof)));

        byte[] tbs = new byte[1100]; // a Fulcio leaf's TBSCertificate is ~1.1 KB
        new java.util.Random(1).nextBytes(tbs);
        Signer p384 = Signer.generate(SignatureAlgorithm.ECDSA_P384_SHA384);
        Signer p256 = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        micros.put("p384Sign", perOp(i -> p384.sign(tbs)));
        micros.put("p256Sign", perOp(i -> p256.sign(tbs)));
        // the same P-384 signature through BouncyCastle's provider instead of the JDK's SunEC (what a switch would give)
        java.security.Provider bc = new org.bouncycastle.jce.provider.BouncyCastleProvider();
        micros.put("p384SignBouncyCastle", perOp(i -> {
            java.security.Signature s = java.security.Signature.getInstance("SHA384withECDSA", bc);
            s.initSign(p384.privateKey());
            s.update(tbs);
            s.sign();
        }));
        Bytes msg = Bytes.of(tbs);
        Bytes sig384 = p384.sign(tbs);
        Bytes sig256 = p256.sign(tbs);
        PublicKeyVerifier v384 = p384.verifier();
        PublicKeyVerifier v256 = p256.verifier();
        micros.put("p384Verify", perOp(i -> v384.verify(msg, sig384)));
        micros.put("p256Verify", perOp(i -> v256.verify(msg, sig256)));
        micros.put("clientP256KeyGenAndPop", perOp(i -> Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256)
                .sign("x".getBytes(StandardCharsets.UTF_8))));
        double floor = (double) micros.get("jwtVerify") + (double) micros.get("proofOfPossession")
                + 2 * (double) micros.get("p384Sign") + (double) micros.get("p256Sign")
                + (double) micros.get("p384Verify") + (double) micros.get("p256Verify");
        micros.put("sumPerCertificate", ClosedLoop.round(floor, 1));
        micros.put("impliedCertsPerSecondOnAllCores",
                Math.round(Runtime.getRuntime().availableProcessors() * 1e6 / floor));
        return micros;
    }

    private static double perOp(Op op) throws Exception {
        int i = 0;
        for (long end = System.nanoTime() + WARM_NANOS; System.nanoTime() < end;) {
            op.run(i++);
        }
        long start = System.nanoTime();
        long end = start + RUN_NANOS;
        int n = 0;
        while (System.nanoTime() < end) {
            op.run(n++);
        }
        return ClosedLoop.round((System.nanoTime() - start) / 1e3 / n, 1);
    }
}
