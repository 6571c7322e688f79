package dev.hallmark.registry;

import static dev.hallmark.registry.RegistryException.Reason.CONFLICT;
import static dev.hallmark.registry.RegistryException.Reason.INTEGRITY_MISMATCH;
import static dev.hallmark.registry.RegistryException.Reason.INVALID_NAME;
import static dev.hallmark.registry.RegistryException.Reason.INVALID_REQUEST;
import static dev.hallmark.registry.RegistryException.Reason.INVALID_TAG;
import static dev.hallmark.registry.RegistryException.Reason.INVALID_TARBALL;
import static dev.hallmark.registry.RegistryException.Reason.INVALID_VERSION;
import static dev.hallmark.registry.RegistryException.Reason.NOT_FOUND;
import static dev.hallmark.registry.RegistryException.Reason.NOT_PERMITTED;
import static dev.hallmark.registry.RegistryException.Reason.READ_ONLY_TOKEN;
import static dev.hallmark.registry.RegistryException.Reason.UNPUBLISH_REFUSED;
import static dev.hallmark.registry.RegistryException.Reason.VERSION_EXISTS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.json.Json;
import dev.hallmark.registry.auth.Principal;
import dev.hallmark.registry.pkg.DistTags;
import dev.hallmark.registry.pkg.PackageName;
import dev.hallmark.registry.pkg.SemVer;
import dev.hallmark.registry.pkg.TarballContents;
import dev.hallmark.registry.pkg.TarballInspector;
import dev.hallmark.registry.provenance.VerifiedProvenance;
import dev.hallmark.registry.publish.ManifestCheck;
import dev.hallmark.registry.publish.ProvenanceGate;
import dev.hallmark.registry.publish.PublishRequest;
import dev.hallmark.registry.publish.PublishRequestCodec;
import dev.hallmark.registry.sign.PublishAttester;
import dev.hallmark.registry.sign.RegistryKeyRing;
import dev.hallmark.registry.store.BlobStore;
import dev.hallmark.registry.store.DistSignature;
import dev.hallmark.registry.store.StoredAttestation;
import dev.hallmark.registry.store.PackageChange;
import dev.hallmark.registry.store.RegistryStorageException;
import dev.hallmark.registry.store.RegistryStore;
import dev.hallmark.registry.store.StoredPackage;
import dev.hallmark.registry.store.StoredUser;
import dev.hallmark.registry.store.StoredVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * The npm registry's domain: publish, metadata edits, tags, unpublish, reads. No HTTP here; {@code NpmApi} speaks
 * npm's wire protocol on top and the server adapts that.
 *
 * <p>Every write follows one pattern: read the package, check the rules against what was read, and apply the change
 * only if the package is still at the revision read (optimistic concurrency, {@link RegistryStore#apply}); on a
 * conflict the whole decision is made again. A publish writes the tarball durably first (content-addressed, so an
 * orphan is harmless) and then commits version, tags and maintainers in one transaction: readers see all or nothing.
 */
public final class Registry {
    private static final int MAX_ATTEMPTS = 32;

    private final RegistryStore store;
    private final BlobStore blobs;
    private final RegistryOptions options;
    private final ProvenanceGate provenance;
    private final RegistryKeyRing keys;
    private final PublishAttester attester;
    private final InstantSource clock;

    public Registry(RegistryStore store, BlobStore blobs, RegistryOptions options, ProvenanceGate provenance,
            RegistryKeyRing keys, PublishAttester attester, InstantSource clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.options = Objects.requireNonNull(options, "options");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.attester = Objects.requireNonNull(attester, "attester");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public RegistryOptions options() {
        return options;
    }

    public RegistryKeyRing keys() {
        return keys;
    }

    /** A package that is live (published and not unpublished as a whole). */
    public Optional<StoredPackage> find(PackageName name) throws RegistryStorageException {
        return store.findPackage(name.full()).filter(p -> p.unpublishedAt().isEmpty());
    }

    /** The current revision, for cheap cache validation; empty for an unknown name. */
    public OptionalLong revision(PackageName name) throws RegistryStorageException {
        return store.packageRev(name.full());
    }

    /** A live version's tarball bytes. */
    public Optional<byte[]> tarball(PackageName name, String file) throws RegistryStorageException {
        Optional<StoredVersion> version = store.findTarball(name.full(), file);
        return version.isEmpty() ? Optional.empty() : blobs.get(version.get().blobKey());
    }

    public List<StoredPackage> search(String text, int from, int size) throws RegistryStorageException {
        List<StoredPackage> out = new ArrayList<>();
        for (String name : store.search(text, from, size)) {
            store.findPackage(name).filter(p -> p.unpublishedAt().isEmpty()).ifPresent(out::add);
        }
        return out;
    }

    /** {@code npm publish}: validate, verify provenance, then commit tarball, version and tag atomically. */
    public StoredVersion publish(Principal principal, PackageName name, ObjectNode body)
            throws RegistryException, RegistryStorageException {
        requireWrite(principal, name);
        PublishRequest request;
        try {
            request = PublishRequestCodec.parse(body, options.tarballLimits().maxCompressedBytes());
        } catch (FormatException e) {
            throw new RegistryException(INVALID_REQUEST, e.getMessage());
        }
        if (!request.name().equals(name.full())) {
            throw new RegistryException(INVALID_REQUEST, "the body publishes " + request.name() + ", not " + name.full());
        }
        if (request.access().filter("restricted"::equals).isPresent() && options.anonymousReads()) {
            // honest refusal instead of a private-looking package anyone can read (registry.anonymousReads is on)
            throw new RegistryException(INVALID_REQUEST, "this registry lets anyone read every package"
                    + " (registry.anonymousReads); it cannot publish with restricted access");
        }
        SemVer version = parseVersion(request.version());
        String tag = parseTag(request.tag());
        byte[] tgz = request.tarball().toArray();
        ObjectNode document = request.versionDocument();
        Digest sha512 = Digest.sha512(tgz);
        String integrity = "sha512-" + Base64.getEncoder().encodeToString(sha512.value().toArray());
        String shasum = HexFormat.of().formatHex(sha1(tgz));
        checkIntegrity(document, integrity, shasum);
        TarballContents contents;
        try {
            contents = TarballInspector.inspect(tgz, options.tarballLimits());
        } catch (FormatException e) {
            throw new RegistryException(INVALID_TARBALL, "invalid tarball: " + e.getMessage());
        }
        ManifestCheck.check(document, contents.packageJson());
        Optional<VerifiedProvenance> verified = provenance.check(name, version.toString(), sha512, document,
                request.provenanceBundle());

        List<DistSignature> signatures = List.of(keys.sign(name.full(), version.toString(), integrity));
        // Refuse what would be refused anyway before the attestation goes into the (append-only) log; the same read
        // is the first attempt's.
        Optional<StoredPackage> existing = store.findPackage(name.full());
        Optional<String> claimScope = checkPublishable(principal, name, version, existing);
        List<StoredAttestation> attestations = new ArrayList<>(attestations(verified));
        attester.attest(name, version.toString(), sha512).ifPresent(attestations::add);
        String blobKey = blobs.put(tgz);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (attempt > 0) {
                backOff(attempt);
                existing = store.findPackage(name.full());
                claimScope = checkPublishable(principal, name, version, existing);
            }
            Instant now = clock.instant();
            StoredVersion stored = new StoredVersion(name.full(), version.toString(),
                    storedDocument(document, name, version, publisher(principal)), integrity,
                    shasum, name.tarballFileName(version.toString()), blobKey,
                    contents.fileCount(), contents.unpackedSize(), now, principal.username(),
                    Optional.empty(), Optional.empty(), signatures,
                    verified.map(VerifiedProvenance::predicateType));
            PackageChange add = new PackageChange.AddVersion(stored, Map.of(tag, version.toString()),
                    principal.username(), claimScope, attestations);
            if (store.apply(name.full(), revOf(existing), List.of(add), now).isPresent()) {
                return stored;
            }
        }
        throw new RegistryException(CONFLICT, "the package changed while publishing; try again");
    }

    /** Who may publish here and that the version is new, against one read of the package; the scope to claim. */
    private Optional<String> checkPublishable(Principal principal, PackageName name, SemVer version,
            Optional<StoredPackage> existing) throws RegistryException, RegistryStorageException {
        Optional<String> claimScope = authorizePublish(principal, name, existing);
        if (existing.flatMap(p -> p.version(version.toString())).isPresent()) {
            throw new RegistryException(VERSION_EXISTS,
                    "You cannot publish over the previously published versions: " + version + ".");
        }
        return claimScope;
    }

    /**
     * {@code PUT /<name>} without attachments and {@code PUT /<name>/-rev/<rev>}: npm's deprecate, owner and
     * unpublish-one-version edits send the packument back with changes (npm.md §4). Versions missing from a sent
     * {@code versions} are unpublished; {@code deprecated} fields are applied; a sent {@code maintainers} list
     * replaces the owners. Nothing else in the document can be changed this way.
     */
    public void updateMetadata(Principal principal, PackageName name, Optional<String> rev, ObjectNode body)
            throws RegistryException, RegistryStorageException {
        requireWrite(principal, name);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            StoredPackage pkg = requireMaintained(principal, name);
            checkRev(pkg, rev.or(() -> textField(body, "_rev")));
            List<PackageChange> changes = new ArrayList<>();
            JsonNode versions = body.get("versions");
            if (versions != null) {
                if (!versions.isObject()) {
                    throw new RegistryException(INVALID_REQUEST, "versions must be an object");
                }
                metadataChanges(pkg, (ObjectNode) versions, changes);
            }
            JsonNode maintainers = body.get("maintainers");
            if (maintainers != null) {
                changes.add(maintainersChange(maintainers));
            }
            if (changes.isEmpty()) {
                return;
            }
            if (store.apply(name.full(), OptionalLong.of(pkg.rev()), changes, clock.instant()).isPresent()) {
                return;
            }
            rev = Optional.empty(); // our own retry: the client's revision was current when we checked it
            backOff(attempt);
        }
        throw new RegistryException(CONFLICT, "the package changed while updating it; try again");
    }

    /** {@code npm unpublish <name>}: every version, within the unpublish window. */
    public void unpublishPackage(Principal principal, PackageName name, Optional<String> rev)
            throws RegistryException, RegistryStorageException {
        requireWrite(principal, name);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            StoredPackage pkg = requireMaintained(principal, name);
            checkRev(pkg, rev);
            for (StoredVersion v : pkg.liveVersions()) {
                checkUnpublishWindow(v);
            }
            if (store.apply(name.full(), OptionalLong.of(pkg.rev()), List.of(new PackageChange.UnpublishPackage()),
                    clock.instant()).isPresent()) {
                return;
            }
            rev = Optional.empty();
            backOff(attempt);
        }
        throw new RegistryException(CONFLICT, "the package changed while unpublishing it; try again");
    }

    /**
     * {@code DELETE /<name>/-/<file>/-rev/<rev>}: the last step of npm's one-version unpublish, after the version left
     * the packument. The version's number stays taken; the bytes stay as long as another version shares them.
     */
    public void deleteTarball(Principal principal, PackageName name, String file)
            throws RegistryException, RegistryStorageException {
        requireWrite(principal, name);
        StoredPackage pkg = requireMaintained(principal, name);
        Optional<StoredVersion> version = pkg.versions().stream().filter(v -> v.tarballFile().equals(file)).findFirst();
        if (version.isEmpty()) {
            throw new RegistryException(NOT_FOUND, "no tarball " + file + " in " + name.full());
        }
        if (version.get().live()) {
            throw new RegistryException(INVALID_REQUEST, "unpublish version " + version.get().version()
                    + " before deleting its tarball");
        }
    }

    public Map<String, String> distTags(PackageName name) throws RegistryException, RegistryStorageException {
        return find(name).orElseThrow(() -> notFound(name)).distTags();
    }

    /** {@code npm dist-tag add}: the version must be live. */
    public void setDistTag(Principal principal, PackageName name, String tag, String version)
            throws RegistryException, RegistryStorageException {
        String validTag = parseTag(tag);
        String validVersion = parseVersion(version).toString();
        changeTags(principal, name, pkg -> {
            if (pkg.version(validVersion).filter(StoredVersion::live).isEmpty()) {
                throw new RegistryException(NOT_FOUND, "version not found: " + name.full() + "@" + validVersion);
            }
            return new PackageChange.SetDistTag(validTag, Optional.of(validVersion));
        });
    }

    /** {@code npm dist-tag rm}: any tag but {@code latest}, which every package keeps while it has versions. */
    public void removeDistTag(Principal principal, PackageName name, String tag)
            throws RegistryException, RegistryStorageException {
        if (tag.equals("latest")) {
            throw new RegistryException(INVALID_TAG, "the latest tag cannot be removed");
        }
        changeTags(principal, name, pkg -> {
            if (!pkg.distTags().containsKey(tag)) {
                throw new RegistryException(NOT_FOUND, "no dist-tag " + tag + " on " + name.full());
            }
            return new PackageChange.SetDistTag(tag, Optional.empty());
        });
    }

    private interface TagDecision {
        PackageChange decide(StoredPackage pkg) throws RegistryException;
    }

    private void changeTags(Principal principal, PackageName name, TagDecision decision)
            throws RegistryException, RegistryStorageException {
        requireWrite(principal, name);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            StoredPackage pkg = requireMaintained(principal, name);
            PackageChange change = decision.decide(pkg);
            if (store.apply(name.full(), OptionalLong.of(pkg.rev()), List.of(change), clock.instant()).isPresent()) {
                return;
            }
            backOff(attempt);
        }
        throw new RegistryException(CONFLICT, "the package changed while tagging it; try again");
    }

    private void metadataChanges(StoredPackage pkg, ObjectNode sent, List<PackageChange> changes)
            throws RegistryException {
        Set<String> removed = new TreeSet<>();
        Map<String, String> deprecations = new HashMap<>();
        for (StoredVersion v : pkg.liveVersions()) {
            JsonNode doc = sent.get(v.version());
            if (doc == null) {
                checkUnpublishWindow(v);
                removed.add(v.version());
                continue;
            }
            JsonNode deprecated = doc.get("deprecated");
            String wanted = deprecated == null || deprecated.isNull() ? "" : deprecated.asText();
            if (!wanted.equals(v.deprecated().orElse(""))) {
                if (wanted.length() > 1024) {
                    throw new RegistryException(INVALID_REQUEST, "deprecation messages are at most 1024 characters");
                }
                deprecations.put(v.version(), wanted);
            }
        }
        for (String version : (Iterable<String>) () -> sent.fieldNames()) {
            if (pkg.version(version).filter(StoredVersion::live).isEmpty()) {
                throw new RegistryException(INVALID_REQUEST, "version " + version
                        + " is not published; versions are added by publishing a tarball");
            }
        }
        if (!deprecations.isEmpty()) {
            changes.add(new PackageChange.Deprecate(deprecations));
        }
        if (!removed.isEmpty()) {
            if (removed.size() == pkg.liveVersions().size()) {
                changes.add(new PackageChange.UnpublishPackage());
            } else {
                changes.add(new PackageChange.UnpublishVersions(removed, tagsWithout(pkg, removed)));
            }
        }
    }

    /** The tags left when versions go: tags on them are dropped, and {@code latest} moves to the highest release left. */
    private static Map<String, String> tagsWithout(StoredPackage pkg, Set<String> removed) {
        Map<String, String> tags = new LinkedHashMap<>(pkg.distTags());
        tags.values().removeIf(removed::contains);
        if (!tags.containsKey("latest")) {
            pkg.liveVersions().stream().map(StoredVersion::version).filter(v -> !removed.contains(v))
                    .map(Registry::lenientVersion).flatMap(Optional::stream)
                    .max(Comparator.comparing((SemVer v) -> !v.isPrerelease()).thenComparing(Comparator.naturalOrder()))
                    .ifPresent(v -> tags.put("latest", v.toString()));
        }
        return tags;
    }

    private PackageChange maintainersChange(JsonNode maintainers) throws RegistryException, RegistryStorageException {
        if (!maintainers.isArray() || maintainers.isEmpty() || maintainers.size() > 100) {
            throw new RegistryException(INVALID_REQUEST, "maintainers must be a list of 1 to 100 users");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode m : maintainers) {
            String username = m.path("name").asText("");
            if (store.findUser(username).isEmpty()) {
                throw new RegistryException(NOT_FOUND, "no such user: " + username);
            }
            if (!names.contains(username)) {
                names.add(username);
            }
        }
        return new PackageChange.SetMaintainers(names);
    }

    private Optional<String> authorizePublish(Principal principal, PackageName name, Optional<StoredPackage> existing)
            throws RegistryException, RegistryStorageException {
        boolean live = existing.isPresent() && existing.get().unpublishedAt().isEmpty();
        if (live) {
            if (!existing.get().isMaintainer(principal.username()) && principal.onlyPackage().isEmpty()) {
                throw new RegistryException(NOT_PERMITTED, "You do not have permission to publish \"" + name.full()
                        + "\". Are you logged in as the correct user?");
            }
            return Optional.empty();
        }
        if (existing.isPresent()) { // unpublished as a whole: blocked for a while, then free for anyone
            Instant free = existing.get().unpublishedAt().get().plus(options.republishWait());
            if (clock.instant().isBefore(free)) {
                throw new RegistryException(NOT_PERMITTED, name.full() + " was unpublished; it cannot be published"
                        + " again before " + free);
            }
        }
        if (name.scope().isEmpty()) {
            return Optional.empty();
        }
        String scope = name.scope().get();
        if (scope.equals(principal.username())) {
            return Optional.empty(); // a user's own scope
        }
        if (store.findUser(scope).isPresent()) {
            throw new RegistryException(NOT_PERMITTED, "the scope @" + scope + " belongs to the user " + scope);
        }
        List<String> members = store.scopeMembers(scope);
        if (!members.isEmpty() && !members.contains(principal.username())) {
            throw new RegistryException(NOT_PERMITTED, "You do not have permission to publish in scope @" + scope);
        }
        return Optional.of(scope);
    }

    private StoredPackage requireMaintained(Principal principal, PackageName name)
            throws RegistryException, RegistryStorageException {
        StoredPackage pkg = find(name).orElseThrow(() -> notFound(name));
        if (!pkg.isMaintainer(principal.username()) && principal.onlyPackage().isEmpty()) {
            throw new RegistryException(NOT_PERMITTED, "You do not have permission to change \"" + name.full() + "\"");
        }
        return pkg;
    }

    private void checkUnpublishWindow(StoredVersion v) throws RegistryException {
        if (!clock.instant().isBefore(v.publishedAt().plus(options.unpublishWindow()))) {
            throw new RegistryException(UNPUBLISH_REFUSED, v.name() + "@" + v.version() + " was published more than "
                    + options.unpublishWindow().toHours() + " hours ago and can no longer be unpublished;"
                    + " deprecate it instead");
        }
    }

    private static void requireWrite(Principal principal, PackageName name) throws RegistryException {
        if (principal.readonly()) {
            throw new RegistryException(READ_ONLY_TOKEN, "this token is read-only");
        }
        if (!principal.mayWrite(name.full())) {
            throw new RegistryException(NOT_PERMITTED, "this token may not change " + name.full());
        }
    }

    private static void checkRev(StoredPackage pkg, Optional<String> rev) throws RegistryException {
        if (rev.isPresent() && !rev.get().equals(revString(pkg.name(), pkg.rev()))) {
            throw new RegistryException(CONFLICT, "Document update conflict: the package changed since it was read");
        }
    }

    /** CouchDB-style revision text, {@code <n>-<16 hex>}, as npm echoes it back in {@code -rev} paths. */
    public static String revString(String name, long rev) {
        byte[] digest = Digest.sha256((name + "\n" + rev).getBytes(StandardCharsets.UTF_8)).value().toArray();
        return rev + "-" + HexFormat.of().formatHex(digest, 0, 8);
    }

    /** Recomputes both digests and compares them with what the client claimed; the sha512 SRI is what we store. */
    private static void checkIntegrity(ObjectNode document, String integrity, String shasum) throws RegistryException {
        JsonNode dist = document.get("dist");
        String claimedIntegrity = dist == null ? null : dist.path("integrity").asText(null);
        String claimedShasum = dist == null ? null : dist.path("shasum").asText(null);
        if (claimedIntegrity == null && claimedShasum == null) {
            throw new RegistryException(INTEGRITY_MISMATCH, "dist.integrity or dist.shasum is required");
        }
        if (claimedIntegrity != null && !claimedIntegrity.equals(integrity)) {
            throw new RegistryException(INTEGRITY_MISMATCH, "dist.integrity does not match the tarball");
        }
        if (claimedShasum != null && !claimedShasum.equalsIgnoreCase(shasum)) {
            throw new RegistryException(INTEGRITY_MISMATCH, "dist.shasum does not match the tarball");
        }
    }

    /** The version document as stored: the client's fields, {@code dist} removed (we own it), publisher recorded. */
    private static String storedDocument(ObjectNode document, PackageName name, SemVer version, ObjectNode npmUser) {
        ObjectNode doc = document.deepCopy();
        doc.remove("dist");
        doc.put("_id", name.full() + "@" + version);
        doc.set("_npmUser", npmUser);
        return new String(Json.write(doc), StandardCharsets.UTF_8);
    }

    private ObjectNode publisher(Principal principal) throws RegistryStorageException {
        ObjectNode user = Json.object();
        user.put("name", principal.username());
        store.findUser(principal.username()).map(StoredUser::email).ifPresent(e -> user.put("email", e));
        return user;
    }

    public static PackageName parseName(String name) throws RegistryException {
        try {
            return PackageName.parse(name);
        } catch (FormatException e) {
            throw new RegistryException(INVALID_NAME, "invalid package name \"" + name + "\": " + e.getMessage());
        }
    }

    private static SemVer parseVersion(String version) throws RegistryException {
        try {
            return SemVer.parse(version);
        } catch (FormatException e) {
            throw new RegistryException(INVALID_VERSION, "invalid version \"" + version + "\": " + e.getMessage());
        }
    }

    private static Optional<SemVer> lenientVersion(String version) {
        try {
            return Optional.of(SemVer.parse(version));
        } catch (FormatException e) {
            return Optional.empty();
        }
    }

    private static String parseTag(String tag) throws RegistryException {
        try {
            return DistTags.validateTag(tag);
        } catch (FormatException e) {
            throw new RegistryException(INVALID_TAG, "invalid tag \"" + tag + "\": " + e.getMessage());
        }
    }

    private static List<StoredAttestation> attestations(Optional<VerifiedProvenance> provenance) {
        return provenance.map(p -> List.of(new StoredAttestation(p.predicateType(),
                new String(p.bundle().toArray(), StandardCharsets.UTF_8)))).orElse(List.of());
    }

    /** The attestations of a live version, as stored at publish. */
    public List<StoredAttestation> attestations(PackageName name, String version) throws RegistryStorageException {
        return store.attestations(name.full(), version);
    }

    /** After losing a race, waits a little (growing, jittered) so concurrent writers of one package spread out. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 2L + Math.min(attempt, 10) * 2L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static OptionalLong revOf(Optional<StoredPackage> pkg) {
        return pkg.isPresent() ? OptionalLong.of(pkg.get().rev()) : OptionalLong.empty();
    }

    private static Optional<String> textField(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        return n != null && n.isTextual() ? Optional.of(n.asText()) : Optional.empty();
    }

    private static RegistryException notFound(PackageName name) {
        return new RegistryException(NOT_FOUND, "Not found: " + name.full());
    }

    private static byte[] sha1(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-1").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a required JCA algorithm", e);
        }
    }
}
