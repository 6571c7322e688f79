package dev.hallmark.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6962 known answers: the eight reference leaves and tree heads of the Certificate Transparency test data. */
class MerkleHashTest {
    // transparency-dev/merkle proof/verify_test.go (the certificate-transparency reference data): leaves and the roots
    // of the trees of their first 1..8 elements.
    static final List<String> LEAVES = List.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f");
    static final List<String> ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    static Bytes h(String hex) {
        try {
            return Bytes.fromHex(hex);
        } catch (FormatException e) {
            throw new AssertionError(e);
        }
    }

    static InMemoryMerkleTree referenceTree() {
        InMemoryMerkleTree tree = new InMemoryMerkleTree();
        LEAVES.forEach(l -> tree.appendLeaf(HexFormat.of().parseHex(l)));
        return tree;
    }

    @Test
    void emptyRootIsSha256OfNothing() {
        assertThat(MerkleHash.emptyRoot().hex())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(new InMemoryMerkleTree().root()).isEqualTo(MerkleHash.emptyRoot());
    }

    @Test
    void leafHashPrefixesZero() {
        assertThat(MerkleHash.leafHash(new byte[0])).isEqualTo(h(ROOTS.get(0)));
        assertThat(MerkleHash.leafHash(Bytes.EMPTY)).isEqualTo(h(ROOTS.get(0)));
    }

    @Test
    void nodeHashPrefixesOne() {
        Bytes a = MerkleHash.leafHash(new byte[0]);
        Bytes b = MerkleHash.leafHash(new byte[] {0});
        assertThat(MerkleHash.nodeHash(a, b)).isEqualTo(h(ROOTS.get(1)));
        assertThatThrownBy(() -> MerkleHash.nodeHash(a, Bytes.EMPTY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rootsMatchTheReferenceTreeHeadsAtEverySize() {
        InMemoryMerkleTree tree = referenceTree();
        List<Bytes> leafHashes = new ArrayList<>();
        for (int n = 1; n <= 8; n++) {
            leafHashes.add(MerkleHash.leafHash(HexFormat.of().parseHex(LEAVES.get(n - 1))));
            assertThat(tree.root(n)).as("size %d", n).isEqualTo(h(ROOTS.get(n - 1)));
            assertThat(RfcReference.mth(leafHashes)).as("oracle size %d", n).isEqualTo(h(ROOTS.get(n - 1)));
        }
        assertThat(tree.root()).isEqualTo(h(ROOTS.get(7)));
    }
}
