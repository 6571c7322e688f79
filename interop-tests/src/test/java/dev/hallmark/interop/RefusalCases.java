package dev.hallmark.interop;

import static dev.hallmark.interop.RegistryHttpRefusalsTest.json;
import static dev.hallmark.interop.RegistryHttpRefusalsTest.tgz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.registry.RegistryFixture;
import dev.hallmark.registry.pkg.TestTarballs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The malformed and dishonest requests of {@link RegistryHttpRefusalsTest}, each against a registry holding
 * {@value #VICTIM} and {@value #SCOPED} at 1.0.0 (published by "owner", tagged {@code latest} and {@code stable}).
 * A status of 0 accepts any 4xx: for those, which refusal answers first is the server's choice.
 */
final class RefusalCases {
    static final String VICTIM = "victim";
    static final String SCOPED = "@victim-scope/lib";
    /** limits.maxRequestBodyBytes by default (LimitsConfig.DEFAULT). */
    private static final int MAX_BODY = 10 * 1024 * 1024;
    /** registry.maxTarballBytes by default (RegistryConfig.DEFAULT). */
    private static final int MAX_TARBALL = 7 * 1024 * 1024;

    enum As { OWNER, STRANGER, NOBODY }

    record Refusal(String label, String method, String path, Supplier<byte[]> body, As as, int status) {
        @Override
        public String toString() {
            return label + " (" + method + " " + path + ")";
        }
    }

    private final List<Refusal> cases = new ArrayList<>();

    private RefusalCases() {
    }

    static Stream<Refusal> all() {
        RefusalCases c = new RefusalCases();
        c.bodies();
        c.attachments();
        c.names();
        c.versionsAndDigests();
        c.manifestConfusion();
        c.tagsAndEdits();
        c.accounts();
        return c.cases.stream();
    }

    private void bodies() {
        put("bad JSON", "/" + VICTIM, text("{\"name\":\"victim\","), 400);
        put("a JSON array", "/" + VICTIM, text("[]"), 400);
        put("a JSON string", "/" + VICTIM, text("\"victim\""), 400);
        put("an empty body", "/" + VICTIM, () -> new byte[0], 400);
        put("JSON followed by more", "/" + VICTIM, text("{} {\"maintainers\":[]}"), 400);
        put("a body over limits.maxRequestBodyBytes", "/" + VICTIM, () -> {
            byte[] huge = new byte[MAX_BODY + 1];
            Arrays.fill(huge, (byte) ' ');
            huge[0] = '{';
            huge[huge.length - 1] = '}';
            return huge;
        }, 413);
        put("a tarball over registry.maxTarballBytes", "/" + VICTIM, publish("1.0.1", body -> attachment(body)
                .put("data", Base64.getEncoder().encodeToString(new byte[MAX_TARBALL + 1]))), 0);
    }

    private void attachments() {
        put("a publish without _attachments", "/" + VICTIM, publish("1.0.1", b -> b.remove("_attachments")), 400);
        put("a publish with empty _attachments", "/" + VICTIM, publish("1.0.1", b -> b.putObject("_attachments")), 400);
        put("a new package without attachments", "/fresh-pkg", () -> {
            ObjectNode body = RegistryFixture.publishBody("fresh-pkg", "1.0.0");
            body.remove("_attachments");
            return json(body);
        }, 404);
        put("the tarball under another version's name", "/" + VICTIM, publish("1.0.1", b -> {
            ObjectNode attachments = (ObjectNode) b.get("_attachments");
            attachments.set(VICTIM + "-9.9.9.tgz", attachments.remove(VICTIM + "-1.0.1.tgz"));
        }), 400);
        put("an extra attachment", "/" + VICTIM, publish("1.0.1", b -> ((ObjectNode) b.get("_attachments"))
                .putObject("../../evil.sh").put("data", "ZWNobyBoaQ==")), 400);
        put("attachment data that is not base64", "/" + VICTIM, publish("1.0.1",
                b -> attachment(b).put("data", "***not base64***")), 400);
        put("an attachment length that lies", "/" + VICTIM, publish("1.0.1", b -> attachment(b).put("length", 1)), 400);
        put("a tarball that is not gzip", "/" + VICTIM, publishOf("1.0.1", text("not a tarball").get()), 400);
        put("a gzip that is not a tar", "/" + VICTIM, publishOf("1.0.1", TestTarballs.gzip(text("hello").get())), 400);
        put("a tarball without package.json", "/" + VICTIM, publishOf("1.0.1",
                TestTarballs.tgz(java.util.Map.of("package/index.js", text("1").get()))), 400);
    }

    private void names() {
        for (String path : List.of("/../x", "/%2e%2e", "/%2E%2E", "/.%2e", "/@scope%2f..%2fx", "/%2e%2e%2fetc",
                "/..%2f..%2fetc", "/@scope/..%2fx", "/x%2f..%2f..%2fetc", "/victim%2f..%2fevil", "/victim%00")) {
            put("a traversal name", path, () -> json(RegistryFixture.publishBody("x", "1.0.0")), 0);
        }
        for (String path : List.of("/%2e%2e%2fetc%2fpasswd", "/victim/-/..%2f..%2fhallmark.yaml",
                "/victim/-/%2e%2e%2f%2e%2e%2fhallmark.yaml", "/@victim-scope/lib/-/..%2f..%2f..%2fhallmark.yaml",
                "/@victim-scope%2f..%2f..%2fhallmark.yaml")) {
            add("a traversal read", "GET", path, () -> null, As.NOBODY, 0);
        }
        put("a body naming another package", "/" + VICTIM, () -> json(RegistryFixture.publishBody("evil", "1.0.0")),
                400);
        put("an upper-case name", "/Victim2", () -> json(RegistryFixture.publishBody("Victim2", "1.0.0")), 400);
        put("a scoped body at a plain path", "/lib", () -> json(RegistryFixture.publishBody(SCOPED, "1.0.1")), 400);
    }

    private void versionsAndDigests() {
        for (String version : List.of("1.0", "01.0.0", "1.0.0.0", "1.0.0-", "latest", "1.0.0-01",
                "99999999999999999999.0.0", "1.0.0 ")) {
            put("an invalid version \"" + version + "\"", "/" + VICTIM, () -> json(RegistryFixture.publishBody(VICTIM,
                    version, "next", tgz("{\"name\":\"victim\",\"version\":\"" + version + "\"}"))), 400);
        }
        put("dist.integrity of other bytes", "/" + VICTIM, publish("1.0.1", b -> dist(b).put("integrity",
                "sha512-" + Base64.getEncoder().encodeToString(new byte[64]))), 400);
        put("dist.shasum of other bytes", "/" + VICTIM, publish("1.0.1", b -> dist(b).put("shasum", "0".repeat(40))),
                400);
        put("no digest in dist", "/" + VICTIM, publish("1.0.1", b -> dist(b).removeAll()), 400);
    }

    private void manifestConfusion() {
        put("an inner package.json naming another package", "/" + VICTIM,
                publishOf("1.0.1", tgz("{\"name\":\"evil\",\"version\":\"1.0.1\"}")), 400);
        put("an inner package.json with another version", "/" + VICTIM,
                publishOf("1.0.1", tgz("{\"name\":\"victim\",\"version\":\"1.0.2\"}")), 400);
        put("a postinstall hidden from the packument", "/" + VICTIM, publishOf("1.0.1",
                tgz("{\"name\":\"victim\",\"version\":\"1.0.1\",\"scripts\":{\"postinstall\":\"node steal.js\"}}")),
                400);
        put("a dependency hidden from the packument", "/" + VICTIM, publishOf("1.0.1",
                tgz("{\"name\":\"victim\",\"version\":\"1.0.1\",\"dependencies\":{\"evil\":\"*\"}}")), 400);
    }

    private void tagsAndEdits() {
        put("two versions in one publish", "/" + VICTIM, publish("1.0.1", b -> ((ObjectNode) b.get("versions"))
                .set("1.0.2", ((ObjectNode) b.get("versions").get("1.0.1").deepCopy()).put("version", "1.0.2"))), 400);
        put("two dist-tags in one publish", "/" + VICTIM, publish("1.0.1",
                b -> ((ObjectNode) b.get("dist-tags")).put("beta", "1.0.1")), 400);
        put("a dist-tag on another version", "/" + VICTIM, publish("1.0.1",
                b -> ((ObjectNode) b.get("dist-tags")).put("latest", "1.0.0")), 400);
        put("a version-like tag in a publish", "/" + VICTIM, () -> json(RegistryFixture.publishBody(VICTIM, "1.0.1",
                "1.0", TestTarballs.npmPackage(VICTIM, "1.0.1"))), 400);
        add("a publish without a token", "PUT", "/" + VICTIM, publish("1.0.1", b -> { }), As.NOBODY, 401);
        add("a publish by someone else", "PUT", "/" + VICTIM, publish("1.0.1", b -> { }), As.STRANGER, 403);
        add("a publish into someone's scope", "PUT", "/@victim-scope%2fnew", () -> json(RegistryFixture.publishBody(
                "@victim-scope/new", "1.0.0")), As.STRANGER, 403);
        String tags = "/-/package/" + VICTIM + "/dist-tags/";
        put("a dist-tag body that is not a string", tags + "beta", text("1"), 400);
        put("a dist-tag body that is not JSON", tags + "beta", text("1.0.0"), 400);
        put("a dist-tag on a missing version", tags + "beta", text("\"9.9.9\""), 404);
        put("a version-like dist-tag", tags + "1.0.0", text("\"1.0.0\""), 400);
        put("a traversal dist-tag", tags + "..%2f..%2fx", text("\"1.0.0\""), 0);
        add("a dist-tag by someone else", "PUT", tags + "beta", text("\"1.0.0\""), As.STRANGER, 403);
        add("removing latest", "DELETE", tags + "latest", () -> null, As.OWNER, 400);
        add("removing a tag by someone else", "DELETE", tags + "stable", () -> null, As.STRANGER, 403);
        put("an edit at a stale revision", "/" + VICTIM + "/-rev/1-0000000000000000",
                text("{\"_id\":\"victim\",\"name\":\"victim\",\"versions\":{}}"), 409);
        put("an edit adding a version without a tarball", "/" + VICTIM,
                text("{\"versions\":{\"1.0.0\":{},\"2.0.0\":{\"name\":\"victim\",\"version\":\"2.0.0\"}}}"), 400);
        put("a deprecation over 1024 characters", "/" + VICTIM,
                text("{\"versions\":{\"1.0.0\":{\"deprecated\":\"" + "x".repeat(1025) + "\"}}}"), 400);
        put("an empty maintainer list", "/" + VICTIM, text("{\"maintainers\":[]}"), 400);
        put("an unknown maintainer", "/" + VICTIM, text("{\"maintainers\":[{\"name\":\"nobody-at-all\"}]}"), 404);
        add("an edit by someone else", "PUT", "/" + VICTIM, text("{\"versions\":{}}"), As.STRANGER, 403);
        add("an unpublish by someone else", "DELETE", "/" + VICTIM + "/-rev/1-0000000000000000", () -> null,
                As.STRANGER, 403);
    }

    private void accounts() {
        put("a login that is not JSON", "/-/user/org.couchdb.user:newbie", text("{\"name\":"), 400);
        put("a login naming another user", "/-/user/org.couchdb.user:newbie",
                text("{\"name\":\"owner\",\"password\":\"whatever-it-is\"}"), 400);
        put("a login with the wrong password", "/-/user/org.couchdb.user:owner",
                text("{\"name\":\"owner\",\"password\":\"wrong-password\"}"), 401);
        add("a token with an invalid CIDR", "POST", "/-/npm/v1/tokens", text("{\"password\":\""
                + NpmWorld.password("owner") + "\",\"cidr_whitelist\":[\"10.0.0.0/33\"]}"), As.OWNER, 400);
        add("a search text over 256 characters", "GET", "/-/v1/search?text=" + "a".repeat(300), () -> null,
                As.NOBODY, 400);
        add("a search size that is not a number", "GET", "/-/v1/search?text=victim&size=ten", () -> null, As.NOBODY,
                400);
    }

    private Supplier<byte[]> publish(String version, Consumer<ObjectNode> defect) {
        return () -> {
            ObjectNode body = RegistryFixture.publishBody(VICTIM, version);
            defect.accept(body);
            return json(body);
        };
    }

    private Supplier<byte[]> publishOf(String version, byte[] tgz) {
        return () -> json(RegistryFixture.publishBody(VICTIM, version, "latest", tgz));
    }

    private static ObjectNode attachment(ObjectNode body) {
        return (ObjectNode) body.get("_attachments").properties().iterator().next().getValue();
    }

    private static ObjectNode dist(ObjectNode body) {
        return (ObjectNode) body.get("versions").properties().iterator().next().getValue().get("dist");
    }

    private static Supplier<byte[]> text(String text) {
        return () -> text.getBytes(StandardCharsets.UTF_8);
    }

    private void put(String label, String path, Supplier<byte[]> body, int status) {
        add(label, "PUT", path, body, As.OWNER, status);
    }

    private void add(String label, String method, String path, Supplier<byte[]> body, As as, int status) {
        cases.add(new Refusal(label, method, path, body, as, status));
    }
}
