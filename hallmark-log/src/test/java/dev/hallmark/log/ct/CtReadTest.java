package dev.hallmark.log.ct;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.merkle.ConsistencyProof;
import dev.hallmark.core.merkle.InclusionProof;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.x509.Certificates;
import dev.hallmark.core.x509.SctEncoding;
import dev.hallmark.core.x509.SignedCertificateTimestamp;
import dev.hallmark.log.api.LogApiResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The monitor side over a log of 5 then 9 precertificate entries: signed tree heads, inclusion and consistency proofs
 * checked with hallmark-core's Merkle code against the served roots, get-entries (capped at 4), get-roots.
 */
class CtReadTest {
    private static final int FIRST = 5;
    private static final int TOTAL = 9;
    private static CtFixture f;
    private static final List<SignedCertificateTimestamp> scts = new ArrayList<>();
    private static JsonNode sthAtFirst;

    @BeforeAll
    static void fill() throws Exception {
        f = new CtFixture(new CtLimits(1 << 20, 10, 4, Duration.ofSeconds(30)));
        for (int i = 0; i < TOTAL; i++) {
            if (i == FIRST) {
                f.published(FIRST);
                sthAtFirst = CtFixture.json(f.api.getSth());
            }
            LogApiResponse r = f.api.addPreChain(CtFixture.chainJson(f.ca.precertificate(TestCa.Leaf.fresh(CtFixture.NOW)),
                    f.ca.intermediate.cert()));
            assertThat(r.status()).isEqualTo(200);
            scts.add(CtFixture.sct(r));
        }
        f.published(TOTAL);
    }

    @AfterAll
    static void close() throws Exception {
        f.close();
    }

    private static Bytes b64(JsonNode node, String field) throws Exception {
        return Bytes.fromBase64(node.get(field).textValue());
    }

    /** Checks the tree head signature (RFC 6962 §3.5) and returns the root hash. */
    private static Bytes verifiedRoot(JsonNode sth) throws Exception {
        Bytes signature = b64(sth, "tree_head_signature");
        assertThat(signature.get(0)).as("sha256").isEqualTo((byte) 4);
        assertThat(signature.get(1)).as("ecdsa").isEqualTo((byte) 3);
        SignedCertificateTimestamp parsed = SctEncoding.fromResponse(0, Bytes.of(new byte[32]), 0, Bytes.EMPTY, signature);
        Bytes root = b64(sth, "sha256_root_hash");
        f.ctKey.verifier().verify(SignedTreeHead.signedData(sth.get("timestamp").longValue(), sth.get("tree_size").longValue(), root),
                parsed.signature());
        return root;
    }

    @Test
    void sthIsSignedAndMatchesThePublishedCheckpoint() throws Exception {
        JsonNode sth = CtFixture.json(f.api.getSth());
        assertThat(sth.get("tree_size").longValue()).isEqualTo(TOTAL);
        assertThat(verifiedRoot(sth)).isEqualTo(f.engine.latestCheckpoint().checkpoint().rootHash());
        assertThat(sth.get("timestamp").longValue()).isGreaterThanOrEqualTo(sthAtFirst.get("timestamp").longValue());
        assertThat(verifiedRoot(sthAtFirst)).isNotEqualTo(verifiedRoot(sth));
        assertThat(CtFixture.json(f.api.getSth())).as("cached per tree").isEqualTo(sth);
    }

    @Test
    void everyEntryHasAnInclusionProofToTheSthRoot() throws Exception {
        JsonNode sth = CtFixture.json(f.api.getSth());
        Bytes root = verifiedRoot(sth);
        List<Bytes> leaves = allLeaves();
        assertThat(leaves).hasSize(TOTAL);
        for (int i = 0; i < TOTAL; i++) {
            Bytes leafHash = MerkleHash.leafHash(leaves.get(i));
            JsonNode proof = CtFixture.json(f.api.getProofByHash(leafHash.base64(), Long.toString(TOTAL)));
            assertThat(proof.get("leaf_index").longValue()).isEqualTo(i);
            InclusionProof.of(i, TOTAL, hashes(proof.get("audit_path"))).verify(leafHash, root);
            assertThat(MerkleTreeLeaf.parse(leaves.get(i)).timestampMillis()).isEqualTo(scts.get(i).timestampMillis());
        }
        // and against the older tree for the entries it holds
        Bytes oldRoot = verifiedRoot(sthAtFirst);
        Bytes leafHash = MerkleHash.leafHash(leaves.get(FIRST - 1));
        JsonNode proof = CtFixture.json(f.api.getProofByHash(leafHash.base64(), Long.toString(FIRST)));
        InclusionProof.of(FIRST - 1, FIRST, hashes(proof.get("audit_path"))).verify(leafHash, oldRoot);
    }

    @Test
    void consistencyBetweenTheTwoSths() throws Exception {
        Bytes oldRoot = verifiedRoot(sthAtFirst);
        Bytes newRoot = verifiedRoot(CtFixture.json(f.api.getSth()));
        JsonNode proof = CtFixture.json(f.api.getSthConsistency(Long.toString(FIRST), Long.toString(TOTAL)));
        ConsistencyProof.of(FIRST, TOTAL, hashes(proof.get("consistency"))).verify(oldRoot, newRoot);
        assertThat(CtFixture.json(f.api.getSthConsistency("9", "9")).get("consistency")).isEmpty();
    }

    @Test
    void getEntriesIsCappedAndCarriesTheChain() throws Exception {
        JsonNode entries = CtFixture.json(f.api.getEntries("2", "100")).get("entries");
        assertThat(entries).hasSize(4);
        JsonNode last = CtFixture.json(f.api.getEntries("8", "8")).get("entries");
        assertThat(last).hasSize(1);
        Bytes extra = b64(last.get(0), "extra_data");
        java.security.cert.X509Certificate precert = precertOf(extra);
        assertThat(Precertificates.poison(precert)).isEqualTo(Precertificates.Poison.VALID);
        assertThat(extra).isEqualTo(CtAddTest.precertChainEntry(precert, f.ca.intermediate.cert(), f.ca.root.cert()));
        MerkleTreeLeaf leaf = MerkleTreeLeaf.parse(b64(last.get(0), "leaf_input"));
        Bytes tbs = ((MerkleTreeLeaf.PrecertEntry) leaf.entry()).tbsCertificate();
        assertThat(tbs).isEqualTo(Precertificates.tbsWithoutPoison(precert));
        org.bouncycastle.asn1.x509.Extensions extensions = org.bouncycastle.asn1.x509.TBSCertificate.getInstance(tbs.toArray()).getExtensions();
        assertThat(extensions.getExtension(new org.bouncycastle.asn1.ASN1ObjectIdentifier(TestCa.POISON))).as("poison removed").isNull();
        assertThat(extensions.getExtensionOIDs()).hasSize(4);
    }

    @Test
    void getRootsListsTheAcceptedRoots() throws Exception {
        JsonNode roots = CtFixture.json(f.api.getRoots()).get("certificates");
        assertThat(roots).hasSize(1);
        assertThat(Bytes.fromBase64(roots.get(0).textValue())).isEqualTo(Certificates.der(f.ca.root.cert()));
    }

    @Test
    void badReadParametersAre400AndUnknownHashes404() throws Exception {
        String someHash = MerkleHash.leafHash(Bytes.utf8("never logged")).base64();
        assertThat(f.api.getProofByHash(someHash, "9").status()).isEqualTo(404);
        assertThat(f.api.getProofByHash("%%%", "9").status()).isEqualTo(400);
        assertThat(f.api.getProofByHash(Bytes.utf8("short").base64(), "9").status()).isEqualTo(400);
        assertThat(f.api.getProofByHash(someHash, "0").status()).isEqualTo(400);
        assertThat(f.api.getProofByHash(someHash, "10").status()).isEqualTo(400);
        Bytes lastLeaf = MerkleHash.leafHash(allLeaves().get(TOTAL - 1));
        assertThat(f.api.getProofByHash(lastLeaf.base64(), "5").status()).as("not in the smaller tree").isEqualTo(400);
        assertThat(f.api.getSthConsistency("6", "5").status()).isEqualTo(400);
        assertThat(f.api.getSthConsistency("1", "10").status()).isEqualTo(400);
        assertThat(f.api.getSthConsistency("-1", "5").status()).isEqualTo(400);
        assertThat(f.api.getSthConsistency("abc", "5").status()).isEqualTo(400);
        assertThat(f.api.getSthConsistency(null, "5").status()).isEqualTo(400);
        assertThat(f.api.getEntries("9", "9").status()).isEqualTo(400);
        assertThat(f.api.getEntries("3", "2").status()).isEqualTo(400);
        assertThat(f.api.getEntries("99999999999999999999", "1").status()).isEqualTo(400);
        assertThat(CtFixture.json(f.api.getEntries("1", "")).get("code").intValue()).isEqualTo(400);
    }

    private static List<Bytes> allLeaves() throws Exception {
        List<Bytes> leaves = new ArrayList<>();
        for (int start = 0; start < TOTAL; start += 4) {
            for (JsonNode e : CtFixture.json(f.api.getEntries(Integer.toString(start), Integer.toString(TOTAL - 1))).get("entries")) {
                leaves.add(b64(e, "leaf_input"));
            }
        }
        return leaves;
    }

    private static List<Bytes> hashes(JsonNode array) throws Exception {
        List<Bytes> out = new ArrayList<>();
        for (JsonNode h : array) {
            out.add(Bytes.fromBase64(h.textValue()));
        }
        return out;
    }

    /** The precertificate at the head of a PrecertChainEntry. */
    private static java.security.cert.X509Certificate precertOf(Bytes extra) throws Exception {
        int length = ((extra.get(0) & 0xff) << 16) | ((extra.get(1) & 0xff) << 8) | (extra.get(2) & 0xff);
        return Certificates.parseDer(extra.slice(3, 3 + length));
    }
}
