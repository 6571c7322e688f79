package dev.hallmark.ca.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Certificates built on many threads at once carry their own key identifiers (a shared digest once mixed them up). */
class CertificateTemplatesConcurrencyTest {
    @Test
    void concurrentChainsHaveConsistentKeyIdentifiers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<CaChain>> chains = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                chains.add(pool.submit(() -> CaChain.create(Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256),
                        Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256), Instant.parse("2026-01-01T00:00:00Z"))));
            }
            for (Future<CaChain> f : chains) {
                CaChain chain = f.get(); // the constructor checks the intermediate against the root and its signer
                byte[] ski = chain.root().getExtensionValue("2.5.29.14");
                byte[] aki = chain.intermediate().getExtensionValue("2.5.29.35");
                assertThat(ski).isNotNull();
                assertThat(aki).isNotNull();
                // AKI (after its OCTET STRING / SEQUENCE / [0] headers) ends with the root's SKI value
                byte[] rootKeyId = java.util.Arrays.copyOfRange(ski, ski.length - 20, ski.length);
                byte[] akiKeyId = java.util.Arrays.copyOfRange(aki, aki.length - 20, aki.length);
                assertThat(akiKeyId).isEqualTo(rootKeyId);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
