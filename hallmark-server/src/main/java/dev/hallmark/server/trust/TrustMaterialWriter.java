package dev.hallmark.server.trust;

import dev.hallmark.core.trust.SigningConfigCodec;

import dev.hallmark.core.trust.SigningConfig;

import dev.hallmark.core.trust.CertificateAuthorityInfo;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.trust.PublicKeyMaterial;
import dev.hallmark.core.trust.TransparencyLog;
import dev.hallmark.core.trust.TrustedRoot;
import dev.hallmark.core.trust.TrustedRootCodec;
import dev.hallmark.core.trust.ValidityPeriod;
import dev.hallmark.server.internal.AtomicFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Writes the instance's {@code DIR/trust/trusted_root.json} (sigstore.md §7.1), the file clients verify this
 * instance's bundles with. It is rewritten only when its content changes, atomically, so a client reading it during
 * a restart never sees half a file, and the validity start of a key already in it is kept: a restart must not make
 * entries logged before it look older than their key.
 */
public final class TrustMaterialWriter {
    public static final String TRUSTED_ROOT = "trusted_root.json";
    public static final String SIGNING_CONFIG = "signing_config.json";
    private static final int MAX_BYTES = 4 * 1024 * 1024;
    private final Path trustDir;

    public TrustMaterialWriter(Path trustDir) {
        this.trustDir = trustDir;
    }

    public Path trustedRootPath() {
        return trustDir.resolve(TRUSTED_ROOT);
    }

    /**
     * The trusted-root entry of a Rekor-style log: logId = SHA-256 of the key's DER SPKI (sigstore.md §3), the
     * key's protobuf-specs key details, SHA2_256 Merkle hashing.
     */
    public static TransparencyLog transparencyLog(PublicKey key, URI baseUrl, Instant validFrom) throws FormatException {
        Bytes spki = Keys.spki(key);
        SignatureAlgorithm algorithm = SignatureAlgorithm.defaultFor(key);
        return new TransparencyLog(baseUrl.toString(), HashAlgorithm.SHA2_256,
                new PublicKeyMaterial(spki, algorithm, algorithm.keyDetails(key), ValidityPeriod.from(validFrom)),
                HashAlgorithm.SHA2_256.digest(spki).value(), Optional.empty(), Optional.empty());
    }

    /**
     * Puts the transparency log in the trusted root, keeping everything else it names (CAs, CT logs, TSAs, earlier
     * log keys). A log with the same ID keeps its validity start and takes the new base URL. Returns whether the file
     * changed.
     */
    public boolean writeLog(PublicKey logKey, URI baseUrl, Instant validFrom) throws IOException, FormatException {
        TrustedRoot current = current();
        return write(new TrustedRoot(current.mediaType(), merge(current.tlogs(), transparencyLog(logKey, baseUrl, validFrom)),
                current.certificateAuthorities(), current.ctlogs(), current.timestampAuthorities()));
    }

    /** Puts the certificate transparency log in the trusted root's {@code ctlogs}, as {@link #writeLog} does for tlogs. */
    public boolean writeCtLog(PublicKey ctKey, URI baseUrl, Instant validFrom) throws IOException, FormatException {
        TrustedRoot current = current();
        return write(new TrustedRoot(current.mediaType(), current.tlogs(), current.certificateAuthorities(),
                merge(current.ctlogs(), transparencyLog(ctKey, baseUrl, validFrom)), current.timestampAuthorities()));
    }

    /**
     * Puts a certificate authority in the trusted root (replacing the entry with the same anchor, whose validity start
     * is kept); {@code timestamping} puts it among the TSAs instead. Returns whether the file changed.
     */
    public boolean writeAuthority(CertificateAuthorityInfo authority, boolean timestamping) throws IOException, FormatException {
        TrustedRoot current = current();
        List<CertificateAuthorityInfo> existing = timestamping ? current.timestampAuthorities() : current.certificateAuthorities();
        List<CertificateAuthorityInfo> merged = new ArrayList<>();
        boolean placed = false;
        for (CertificateAuthorityInfo ca : existing) {
            Bytes anchor = ca.certChain().get(ca.certChain().size() - 1);
            if (anchor.equals(authority.certChain().get(authority.certChain().size() - 1))) {
                merged.add(new CertificateAuthorityInfo(authority.organization(), authority.commonName(), authority.uri(),
                        authority.certChain(), ca.validFor(), authority.operator()));
                placed = true;
            } else {
                merged.add(ca);
            }
        }
        if (!placed) {
            merged.add(authority);
        }
        return write(new TrustedRoot(current.mediaType(), current.tlogs(),
                timestamping ? current.certificateAuthorities() : merged, current.ctlogs(),
                timestamping ? merged : current.timestampAuthorities()));
    }

    /** Writes {@code signing_config.json} beside the trusted root, unless it already holds exactly these bytes. */
    public boolean writeSigningConfig(SigningConfig config) throws IOException {
        return writeIfChanged(trustDir.resolve(SIGNING_CONFIG), SigningConfigCodec.write(config));
    }

    private TrustedRoot current() throws IOException, FormatException {
        return read().orElseGet(() -> new TrustedRoot(TrustedRoot.MEDIA_TYPE_0_1, List.of(), List.of(), List.of(), List.of()));
    }

    /** The logs with {@code fresh} in place of the entry with its ID (keeping that entry's validity start), or added. */
    private static List<TransparencyLog> merge(List<TransparencyLog> logs, TransparencyLog fresh) {
        List<TransparencyLog> merged = new ArrayList<>();
        boolean placed = false;
        for (TransparencyLog existing : logs) {
            if (existing.logId().equals(fresh.logId())) {
                PublicKeyMaterial key = fresh.publicKey();
                merged.add(new TransparencyLog(fresh.baseUrl(), fresh.hashAlgorithm(),
                        new PublicKeyMaterial(key.rawBytes(), key.algorithm(), key.keyDetails(), existing.publicKey().validFor()),
                        fresh.logId(), existing.checkpointKeyId(), existing.operator()));
                placed = true;
            } else {
                merged.add(existing);
            }
        }
        if (!placed) {
            merged.add(fresh);
        }
        return merged;
    }

    /** Writes the trusted root unless the file already holds exactly these bytes; returns whether it wrote. */
    public boolean write(TrustedRoot root) throws IOException {
        return writeIfChanged(trustedRootPath(), TrustedRootCodec.write(root));
    }

    private boolean writeIfChanged(Path file, byte[] json) throws IOException {
        try {
            if (Files.size(file) == json.length && Arrays.equals(Files.readAllBytes(file), json)) {
                return false;
            }
        } catch (NoSuchFileException e) {
            // first start
        }
        AtomicFiles.createDirectory(trustDir, false);
        AtomicFiles.replace(file, json, false);
        return true;
    }

    /** The trusted root on disk, if there is one; a corrupt file is an error, not silently replaced. */
    public Optional<TrustedRoot> read() throws IOException, FormatException {
        Path file = trustedRootPath();
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new FormatException(file + " is larger than " + MAX_BYTES + " bytes");
            }
            return Optional.of(TrustedRootCodec.parse(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
