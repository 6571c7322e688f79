package dev.hallmark.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** package-lock.json v2/v3: which entries are audited, and which files are refused. */
class LockfileTest {
    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void auditsRegistryEntriesOnceEachAndSkipsRootLinksAndNonRegistrySources() throws Exception {
        Lockfile lock = Lockfile.parse(bytes("""
                {"lockfileVersion": 3, "packages": {
                  "": {"name": "app", "version": "1.0.0"},
                  "node_modules/a": {"version": "1.0.0", "resolved": "https://r.test/a/-/a-1.0.0.tgz", "integrity": "sha512-AA=="},
                  "node_modules/b/node_modules/a": {"version": "1.0.0", "resolved": "https://r.test/a/-/a-1.0.0.tgz", "integrity": "sha512-AA=="},
                  "node_modules/@s/c": {"version": "2.0.0", "resolved": "http://r.test/@s/c/-/c-2.0.0.tgz", "integrity": "sha512-BB=="},
                  "node_modules/alias": {"name": "real", "version": "3.0.0", "resolved": "https://r.test/real/-/real-3.0.0.tgz", "integrity": "sha512-CC=="},
                  "node_modules/ws": {"resolved": "packages/ws", "link": true},
                  "node_modules/g": {"version": "1.0.0", "resolved": "git+ssh://git@github.com/x/g.git#abc", "integrity": "sha512-DD=="},
                  "node_modules/bundled": {"version": "1.0.0", "inBundle": true}
                }}"""));
        assertThat(lock.packages()).extracting(Lockfile.LockedPackage::spec).containsExactly("a@1.0.0", "@s/c@2.0.0", "real@3.0.0");
        assertThat(lock.packages().get(1).resolved()).isEqualTo(URI.create("http://r.test/@s/c/-/c-2.0.0.tgz"));
    }

    @Test
    void lockfileVersion1IsRefused() {
        assertThatThrownBy(() -> Lockfile.parse(bytes("{\"lockfileVersion\":1,\"dependencies\":{}}")))
                .isInstanceOf(FormatException.class).hasMessageContaining("lockfileVersion 1 is not supported");
    }

    @Test
    void aMissingPackagesMapOrAnInvalidNameIsRefused() {
        assertThatThrownBy(() -> Lockfile.parse(bytes("{\"lockfileVersion\":2}"))).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Lockfile.parse(bytes("{\"lockfileVersion\":3,\"packages\":{\"node_modules/../x\":"
                + "{\"version\":\"1.0.0\",\"resolved\":\"https://r.test/x.tgz\",\"integrity\":\"sha512-AA==\"}}}")))
                .isInstanceOf(FormatException.class).hasMessageContaining("invalid package name");
    }

    @Test
    void registriesFollowNpmrcScopesThenTheFlagThenTheLockfile() throws Exception {
        Lockfile.LockedPackage scoped = new Lockfile.LockedPackage("@acme/x", "1.0.0", URI.create("https://origin.test/@acme/x/-/x-1.0.0.tgz"), "sha512-AA==");
        Lockfile.LockedPackage plain = new Lockfile.LockedPackage("y", "1.0.0", URI.create("https://origin.test:8443/y/-/y-1.0.0.tgz"), "sha512-AA==");
        Registries npmrc = Registries.parse(bytes("; comment\n@ACME:registry=https://acme.test/npm\nregistry=https://default.test\n"), Optional.empty());
        assertThat(npmrc.registryFor(scoped)).isEqualTo(URI.create("https://acme.test/npm/"));
        assertThat(npmrc.registryFor(plain)).isEqualTo(URI.create("https://default.test/"));
        Registries flag = Registries.parse(bytes("@acme:registry=https://acme.test/\n"), Optional.of(Registries.url("http://flag.test//")));
        assertThat(flag.registryFor(scoped)).isEqualTo(URI.create("https://acme.test/"));
        assertThat(flag.registryFor(plain)).isEqualTo(URI.create("http://flag.test/"));
        assertThat(Registries.none(Optional.empty()).registryFor(plain)).isEqualTo(URI.create("https://origin.test:8443/"));
        assertThatThrownBy(() -> Registries.url("file:///etc")).isInstanceOf(FormatException.class);
    }
}
