package dev.hallmark.core.trust.tuf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.json.OlpcCanonicalJson;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Properties of the codec and of the client facing an attacker who can change any byte the repository serves. */
class TufProperties {
    private static final String[] FILES = {"2.root.json", "timestamp.json", "2.snapshot.json", "2.targets.json"};

    @Property(tries = 100)
    void targetsRoundTrip(@ForAll @Size(max = 5) Map<@StringLength(min = 1, max = 12) String, byte[]> contents,
            @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long version) throws FormatException {
        Map<String, TargetFile> files = new java.util.HashMap<>();
        contents.forEach((name, content) -> {
            if (!name.startsWith("/") && !name.endsWith("/") && name.chars().noneMatch(c -> Character.isSurrogate((char) c))) {
                files.put(name, new TargetFile(content.length, Map.of("sha256", Digest.sha256(content).value())));
            }
        });
        Targets targets = new Targets(Role.SPEC_VERSION, version, TestRepository.LATER, files);
        Metadata<Targets> signed = MetadataSigner.sign(targets, TestRepository.signers(new TestRepository().keys.get(RoleType.TARGETS)));
        Metadata<Targets> back = TufCodec.parse(TufCodec.write(signed), Targets.class, TufClient.MAX_TARGETS_BYTES);
        assertThat(back.signed()).isEqualTo(targets);
        assertThat(back.canonicalSigned()).isEqualTo(signed.canonicalSigned());
    }

    /**
     * Whatever single byte an attacker changes in any metadata file, the refresh either fails with a typed reason or
     * ends trusting exactly the content that was signed (a change in insignificant whitespace).
     */
    @Property(tries = 300)
    void tamperedMetadataIsNeverTrusted(@ForAll @IntRange(min = 0, max = 3) int file,
            @ForAll @IntRange(min = 0, max = 100_000) int position, @ForAll @IntRange(min = 1, max = 255) int mask) throws Exception {
        TestRepository repo = new TestRepository();
        repo.publishRoot();
        repo.target("trusted_root.json", "{\"a\":1}");
        repo.publish();
        repo.publishRoot();
        repo.publish();
        byte[] original = repo.files.get(FILES[file]).clone();
        byte[] tampered = repo.files.get(FILES[file]);
        tampered[position % tampered.length] ^= (byte) mask;
        TufClient client = repo.client();
        try {
            client.refresh(repo.reader());
        } catch (TufException e) {
            assertThat(e.reason()).isNotNull();
            return;
        }
        Role trusted = switch (file) {
            case 0 -> client.root();
            case 1 -> client.timestamp().orElseThrow();
            case 2 -> client.snapshot().orElseThrow();
            default -> client.targets().orElseThrow();
        };
        Class<? extends Role> type = trusted.getClass();
        assertThat(canonical(tampered, type)).isEqualTo(canonical(original, type));
    }

    @Property(tries = 100)
    void tamperedTargetsNeverVerify(@ForAll @IntRange(min = 0, max = 100) int position, @ForAll @IntRange(min = 1, max = 255) int mask)
            throws Exception {
        TestRepository repo = new TestRepository();
        repo.publishRoot();
        repo.target("trusted_root.json", "{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\"}");
        repo.publish();
        TufClient client = repo.client();
        client.refresh(repo.reader());
        byte[] content = repo.files.get("targets/" + TufClient.targetPath("trusted_root.json", client.target("trusted_root.json"), true));
        content[position % content.length] ^= (byte) mask;
        try {
            client.fetchTarget("trusted_root.json", repo.reader());
            throw new AssertionError("a tampered target verified");
        } catch (TufException e) {
            assertThat(e.reason()).isEqualTo(TufException.Reason.HASH_MISMATCH);
        }
    }

    private static Bytes canonical(byte[] json, Class<? extends Role> type) throws FormatException {
        return Bytes.of(OlpcCanonicalJson.canonicalize(dev.hallmark.core.json.Json.parseObject(json, 1 << 20).get("signed")))
                .concat(Bytes.utf8(type.getSimpleName()));
    }
}
