package dev.hallmark.bench;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.PublicKeyVerifier;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One ECDSA verification, the unit cost of bundle verification: hallmark-core's verifier (BouncyCastle curve code,
 * the key's precomputation kept) against the JDK's {@code Signature}, for a reused key and for a fresh key object each
 * time (a bundle's leaf key is new for every bundle).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EcdsaBenchmark {
    @Param({"ECDSA_P256_SHA256", "ECDSA_P384_SHA384"})
    public String algorithm;

    private Signer signer;
    private byte[] message;
    private byte[] signature;
    private PublicKeyVerifier reused;

    @Setup
    public void setUp() throws Exception {
        signer = Signer.generate(SignatureAlgorithm.valueOf(algorithm));
        message = "a DSSE pre-authentication encoding, more or less".getBytes(StandardCharsets.UTF_8);
        signature = signer.sign(message).toArray();
        reused = signer.verifier();
    }

    @Benchmark
    public void hallmarkReusedKey() throws Exception {
        reused.verify(message, signature);
    }

    @Benchmark
    public void hallmarkFreshKey() throws Exception {
        SignatureAlgorithm.valueOf(algorithm).verifier(signer.publicKey()).verify(message, signature);
    }

    @Benchmark
    public boolean jdk() throws Exception {
        Signature s = Signature.getInstance(algorithm.equals("ECDSA_P256_SHA256") ? "SHA256withECDSA" : "SHA384withECDSA");
        s.initVerify(signer.publicKey());
        s.update(message);
        return s.verify(signature);
    }
}
