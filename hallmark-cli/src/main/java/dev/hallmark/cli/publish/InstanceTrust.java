package dev.hallmark.cli.publish;

import dev.hallmark.cli.CliException;
import dev.hallmark.cli.ServiceCall;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.trust.SigningConfig;
import dev.hallmark.core.trust.SigningConfigCodec;
import dev.hallmark.core.trust.TrustedRoot;
import dev.hallmark.core.trust.TrustedRootCodec;
import dev.hallmark.core.trust.tuf.TufClient;
import dev.hallmark.core.trust.tuf.TufException;
import java.net.URI;
import java.time.InstantSource;
import java.util.Optional;

/**
 * The Sigstore services and trust root of a Hallmark instance, as its TUF repository publishes them (targets
 * {@code signing_config.v0.2.json} and {@code trusted_root.json}): where to sign, and what the result must verify
 * against. The initial root is the pinned one when given; otherwise the repository's current {@code root.json} is
 * taken on first use. That is enough here: the signing config only says where to sign, and the registry verifies
 * the bundle against its own root, so a wrong config can make a publish fail but never pass.
 */
public record InstanceTrust(SigningConfig signingConfig, TrustedRoot trustedRoot, boolean pinned) {
    static final String SIGNING_CONFIG = "signing_config.v0.2.json";
    static final String TRUSTED_ROOT = "trusted_root.json";

    /**
     * @param mirror the TUF repository URL (e.g. {@code https://hallmark.example/tuf/})
     * @param pinnedRoot a {@code root.json} obtained out of band, or empty for trust on first use
     */
    public static InstanceTrust fetch(ServiceCall http, URI mirror, Optional<byte[]> pinnedRoot, InstantSource clock) {
        URI base = ServiceCall.url(mirror.toString().replaceAll("/+$", "") + "/", "TUF repository");
        try {
            byte[] initial = pinnedRoot.isPresent() ? pinnedRoot.get() : read(http, base, "root.json", TufClient.MAX_ROOT_BYTES)
                    .orElseThrow(() -> CliException.failed("the TUF repository at " + base + " has no root.json"));
            TufClient client = TufClient.start(initial, clock);
            client.refresh((path, max) -> read(http, base, path, max));
            SigningConfig signing = SigningConfigCodec.parse(client.fetchTarget(SIGNING_CONFIG, (path, max) -> read(http, base, path, max)).toArray());
            TrustedRoot root = TrustedRootCodec.parse(client.fetchTarget(TRUSTED_ROOT, (path, max) -> read(http, base, path, max)).toArray());
            return new InstanceTrust(signing, root, pinnedRoot.isPresent());
        } catch (TufException e) {
            throw CliException.failed("the instance's TUF repository at " + base + " does not verify (" + e.reason() + "): "
                    + e.getMessage());
        } catch (FormatException e) {
            throw CliException.failed("the instance's TUF repository serves an invalid trust target: " + e.getMessage());
        }
    }

    /** 404 and 403 mean "no such file" to a TUF client (§5.3.3); anything else not 2xx is a failed fetch. */
    private static Optional<byte[]> read(ServiceCall http, URI base, String path, long maxBytes) {
        ServiceCall.Response response = http.get(base.resolve(path), maxBytes, "the TUF repository");
        if (response.status() == 404 || response.status() == 403) {
            return Optional.empty();
        }
        return Optional.of(ServiceCall.expectOk(response, "the TUF repository"));
    }
}
