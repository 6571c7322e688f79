package dev.hallmark.registry.provenance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.trust.TrustedRootCodec;
import dev.hallmark.core.verify.Verifier;
import dev.hallmark.core.verify.VerifierOptions;
import dev.hallmark.registry.RegistryFixture;
import dev.hallmark.registry.pkg.TarballInspector;
import dev.hallmark.registry.pkg.TarballLimits;
import java.time.InstantSource;

/**
 * A real npmjs publish with provenance (shared/vectors/npm/playwright-cli-0.1.1): the tarball, its SLSA provenance
 * bundle signed through public-good Fulcio from github.com's runners, and the public-good trusted root of that time.
 */
public final class PlaywrightVector {
    public static final String NAME = "@playwright/cli";
    public static final String VERSION = "0.1.1";
    private static final String DIR = "npm/playwright-cli-0.1.1/";

    private PlaywrightVector() {
    }

    public static byte[] tarball() {
        return Vectors.bytes(DIR + "playwright-cli-0.1.1.tgz");
    }

    public static byte[] provenanceBundle() {
        return Vectors.bytes(DIR + "playwright-cli-0.1.1-provenance.sigstore.json");
    }

    public static Verifier publicGoodVerifier() throws Exception {
        return Verifier.create(TrustedRootCodec.parse(Vectors.bytes(DIR + "trusted_root.json")),
                VerifierOptions.defaults(), InstantSource.system());
    }

    /** npm's publish body for it: the version document is the tarball's package.json plus npm's fields (npm.md §4). */
    public static ObjectNode publishBody(byte[] tarball, byte[] bundle) throws Exception {
        ObjectNode body = RegistryFixture.publishBody(NAME, VERSION, "latest", tarball);
        ObjectNode document = TarballInspector.inspect(tarball, TarballLimits.defaults()).packageJson();
        document.put("_id", NAME + "@" + VERSION);
        document.set("dist", body.at("/versions/" + VERSION + "/dist"));
        ((ObjectNode) body.get("versions")).set(VERSION, document);
        if (bundle != null) {
            ObjectNode attachment = ((ObjectNode) body.get("_attachments")).putObject(NAME + "-" + VERSION + ".sigstore");
            attachment.put("content_type", "application/vnd.dev.sigstore.bundle.v0.3+json");
            attachment.put("data", new String(bundle, java.nio.charset.StandardCharsets.UTF_8));
            attachment.put("length", bundle.length);
        }
        return body;
    }

    static ObjectNode json(byte[] bytes) throws Exception {
        return Json.parseObject(bytes, 1 << 24);
    }
}
