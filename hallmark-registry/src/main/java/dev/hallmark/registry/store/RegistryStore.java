package dev.hallmark.registry.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The registry's metadata: packages, versions, tags, maintainers, accounts and tokens (DESIGN.md "Storage": SQLite by
 * default, PostgreSQL for scale-out; the same tests run on both). Tarball bytes live in a {@link BlobStore}.
 *
 * <p>Package changes use optimistic concurrency: the caller reads a package, decides, and applies its change only if
 * the revision it read is still current. Several nodes on one database therefore never lose an update, and a rule
 * checked on the read (maintainer, version not taken) still holds at commit.
 */
public interface RegistryStore extends AutoCloseable {
    Optional<StoredPackage> findPackage(String name) throws RegistryStorageException;

    /** The current revision of a package, cheaper than {@link #findPackage}; empty when it was never published. */
    OptionalLong packageRev(String name) throws RegistryStorageException;

    /** A live version by its tarball file name ({@code name-1.0.0.tgz}). */
    Optional<StoredVersion> findTarball(String name, String tarballFile) throws RegistryStorageException;

    /** The attestations of a live version; empty for an unknown or unpublished one. */
    List<StoredAttestation> attestations(String name, String version) throws RegistryStorageException;

    /**
     * Applies changes, in order and in one transaction, if the package is still at {@code expectedRev} (empty: the
     * package must not exist yet).
     *
     * @return the new revision, or empty when someone else changed the package first (read again and retry)
     */
    OptionalLong apply(String name, OptionalLong expectedRev, List<PackageChange> changes, Instant now)
            throws RegistryStorageException;

    /** Members of a scope (without its {@code @}), who may create packages in it. */
    List<String> scopeMembers(String scope) throws RegistryStorageException;

    /** Names of live packages whose name, description or keywords contain {@code text}, by name. */
    List<String> search(String text, int from, int size) throws RegistryStorageException;

    /** @return false when the name is taken */
    boolean createUser(StoredUser user) throws RegistryStorageException;

    Optional<StoredUser> findUser(String username) throws RegistryStorageException;

    void addToken(StoredToken token) throws RegistryStorageException;

    Optional<StoredToken> findToken(String tokenHash) throws RegistryStorageException;

    List<StoredToken> tokens(String username) throws RegistryStorageException;

    /** @return whether a token of this user with this key existed */
    boolean deleteToken(String username, String key) throws RegistryStorageException;

    /** @return whether a token with this hash existed */
    boolean deleteTokenByHash(String tokenHash) throws RegistryStorageException;

    @Override
    void close();
}
