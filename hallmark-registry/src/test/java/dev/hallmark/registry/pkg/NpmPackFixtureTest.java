package dev.hallmark.registry.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * A tarball made by the real {@code npm pack} (npm 11.19.1) of a small scoped package, checked in with npm's own
 * {@code --json} report of it. The inspector must count what npm counts.
 */
class NpmPackFixtureTest {
    private static final String TGZ = "hallmark-test-fixture-1.2.3-rc.1.tgz";

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = NpmPackFixtureTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void inspectorAgreesWithNpmPack() throws IOException, FormatException, NoSuchAlgorithmException {
        byte[] tgz = resource(TGZ);
        JsonNode npm = Json.parse(resource("hallmark-test-fixture-1.2.3-rc.1.pack.json"), 1 << 16).get(0);
        // The fixture is the bytes npm reported on.
        byte[] sha512 = MessageDigest.getInstance("SHA-512").digest(tgz);
        assertThat("sha512-" + Base64.getEncoder().encodeToString(sha512)).isEqualTo(npm.get("integrity").textValue());
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(tgz)))
                .isEqualTo(npm.get("shasum").textValue());

        TarballContents contents = TarballInspector.inspect(tgz, TarballLimits.defaults());
        assertThat(contents.name()).isEqualTo(npm.get("name").textValue());
        assertThat(contents.version()).isEqualTo(npm.get("version").textValue());
        assertThat(contents.fileCount()).isEqualTo(npm.get("entryCount").intValue()).isEqualTo(5);
        assertThat(contents.unpackedSize()).isEqualTo(npm.get("unpackedSize").longValue()).isEqualTo(436);
        assertThat(contents.readmeFilename()).contains("README.md");
        assertThat(contents.readme()).hasValueSatisfying(text -> assertThat(text).startsWith("# fixture\n"));
        assertThat(contents.packageJson().get("repository").get("url").textValue())
                .isEqualTo("git+https://github.com/hallmark-test/fixture.git");

        PackageName name = PackageName.parse(contents.name());
        SemVer version = SemVer.parse(contents.version());
        assertThat(name.tarballFileName(version)).isEqualTo("fixture-1.2.3-rc.1.tgz");
        assertThat(name.purl(version)).isEqualTo("pkg:npm/%40hallmark-test/fixture@1.2.3-rc.1");
        assertThat(version.isPrerelease()).isTrue();
    }
}
