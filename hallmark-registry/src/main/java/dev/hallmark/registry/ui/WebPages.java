package dev.hallmark.registry.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.bundle.TlogEntry;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.trust.TransparencyLog;
import dev.hallmark.registry.Registry;
import dev.hallmark.registry.RegistryException;
import dev.hallmark.registry.api.RegistryResponse;
import dev.hallmark.registry.auth.Accounts;
import dev.hallmark.registry.pkg.PackageName;
import dev.hallmark.registry.store.RegistryStorageException;
import dev.hallmark.registry.store.StoredAttestation;
import dev.hallmark.registry.store.StoredPackage;
import dev.hallmark.registry.store.StoredVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The registry's web pages under {@code /-/ui/} (DESIGN.md "Paths under the public URL"): server-rendered HTML, one
 * stylesheet, no scripts. Each method is one page and answers a complete response, security headers included; the
 * server only routes. Package pages follow the registry's read rule (a private registry shows them to no one without
 * a token); the log entry page shows this instance's public log.
 */
public final class WebPages {
    public static final String HTML = "text/html; charset=utf-8";
    /** Scripts are refused outright; styles, forms and everything else only from this origin. */
    static final String CSP = "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
    static final String PUBLISH_PREDICATE = "https://github.com/npm/attestation/tree/main/specs/publish/v0.1";
    private static final String SLSA_PREFIX = "https://slsa.dev/provenance/";
    private static final Pattern INDEX = Pattern.compile("0|[1-9][0-9]{0,17}");
    private static final System.Logger LOG = System.getLogger(WebPages.class.getName());
    private static final byte[] STYLESHEET = stylesheetBytes();

    private final Registry registry;
    private final Accounts accounts;
    private final LogEntries log;
    private final Site site;
    private final Readmes readmes;

    /** Who is looking: the optional credential of the request, as for the npm API. */
    public record Viewer(Optional<String> authorization, String remoteAddress) {
        public Viewer {
            Objects.requireNonNull(authorization, "authorization");
            Objects.requireNonNull(remoteAddress, "remoteAddress");
        }
    }

    /** @param otherLogs logs of the trusted roots provenance is verified against, to link entries in them */
    public WebPages(Registry registry, Accounts accounts, LogEntries log, List<TransparencyLog> otherLogs) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.log = Objects.requireNonNull(log, "log");
        Bytes ownLogId = log.logId();
        this.site = new Site(registry.options().publicUrl(), ownLogId, otherLogs);
        this.readmes = new Readmes(registry);
    }

    /**
     * Whether {@code GET /} comes from a browser: it lists {@code text/html} with a non-zero quality (RFC 9110
     * §12.5.1). npm and other API clients send JSON types or {@code *}{@code /*} and keep getting the API's answer.
     */
    public static boolean wantsHtml(Optional<String> accept) {
        if (accept.isEmpty() || accept.get().length() > 4096) {
            return false;
        }
        for (String range : accept.get().split(",")) {
            String[] parts = range.split(";");
            if (!parts[0].trim().equalsIgnoreCase("text/html")) {
                continue;
            }
            boolean zero = false;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
                zero |= p.matches("q=0(\\.0{0,3})?");
            }
            if (!zero) {
                return true;
            }
        }
        return false;
    }

    /** {@code GET /} from a browser. */
    public RegistryResponse redirectHome() {
        return new RegistryResponse(302, "", Map.of("Location", site.index(), "Cache-Control", "no-store"),
                Bytes.EMPTY);
    }

    /** {@code GET /-/ui/?q=&from=}: search box and package list. */
    public RegistryResponse index(Optional<String> query, Optional<String> from, Viewer viewer) {
        return handle(viewer, true, () -> {
            String q = query.orElse("").strip();
            if (q.length() > 256) {
                q = q.substring(0, 256);
            }
            int offset = parseOffset(from.orElse(""));
            List<StoredPackage> packages = registry.search(q, offset, IndexPage.PAGE_SIZE);
            return html(200, IndexPage.render(site, q, offset, packages));
        });
    }

    /** {@code GET /-/ui/package/<name>} (version empty: the latest) and {@code …/v/<version or tag>}. */
    public RegistryResponse packagePage(String rawName, Optional<String> version, Viewer viewer) {
        return handle(viewer, true, () -> {
            Optional<PackageName> name = parseName(rawName);
            Optional<StoredPackage> pkg = name.isEmpty() ? Optional.empty() : registry.find(name.get());
            if (pkg.isEmpty()) {
                return notFound("There is no package named " + rawName + " in this registry.");
            }
            Optional<StoredVersion> shown = version.isPresent()
                    ? pkg.get().version(pkg.get().distTags().getOrDefault(version.get(), version.get()))
                            .filter(StoredVersion::live)
                    : Optional.ofNullable(pkg.get().distTags().get("latest")).flatMap(pkg.get()::version)
                            .filter(StoredVersion::live)
                            .or(() -> pkg.get().liveVersions().stream()
                                    .max(Comparator.comparing(StoredVersion::publishedAt)));
            if (shown.isEmpty()) {
                return notFound(version.map(v -> "There is no version " + v + " of " + rawName + ".")
                        .orElse(rawName + " has no published versions."));
            }
            ObjectNode manifest = Manifests.parse(shown.get());
            List<StoredAttestation> attestations = registry.attestations(name.get(), shown.get().version());
            PackagePage.View view = new PackagePage.View(pkg.get(), shown.get(), manifest,
                    readmes.of(name.get(), shown.get(), manifest), provenance(shown.get(), attestations),
                    publishAttestation(attestations));
            return html(200, PackagePage.render(site, view));
        });
    }

    /** {@code GET /-/ui/log/<index>}: an entry of this instance's log. */
    public RegistryResponse logEntry(String rawIndex, Viewer viewer) {
        return handle(viewer, false, () -> {
            if (!INDEX.matcher(rawIndex).matches()) {
                return notFound("A log index is a non-negative number.");
            }
            Optional<TlogEntry> entry;
            try {
                entry = log.entry(Long.parseLong(rawIndex));
            } catch (FormatException e) {
                LOG.log(System.Logger.Level.WARNING, "log entry " + rawIndex + " could not be read: " + e.getMessage());
                return html(503, Layout.message(site, "Log unavailable", "The log entry could not be read."))
                        .withHeader("Retry-After", "1");
            }
            return entry.isEmpty() ? notFound("The log has no entry " + rawIndex + ".")
                    : html(200, LogEntryPage.render(site, entry.get()));
        });
    }

    /** {@code GET /-/ui/hallmark.css}. */
    public RegistryResponse stylesheet() {
        return new RegistryResponse(200, "text/css; charset=utf-8", Map.of("X-Content-Type-Options", "nosniff",
                "Cache-Control", "public, max-age=3600"), Bytes.of(STYLESHEET));
    }

    /** Any other path under {@code /-/ui/}. */
    public RegistryResponse notFound() {
        return notFound("There is no page here.");
    }

    private RegistryResponse notFound(String message) {
        return html(404, Layout.message(site, "Not found", message));
    }

    private static PackagePage.Provenance provenance(StoredVersion version, List<StoredAttestation> attestations) {
        Optional<StoredAttestation> slsa = attestations.stream()
                .filter(a -> a.predicateType().startsWith(SLSA_PREFIX)).findFirst();
        if (slsa.isEmpty()) {
            return version.provenanceType().isPresent() ? new PackagePage.Provenance.Unreadable()
                    : new PackagePage.Provenance.None();
        }
        try {
            return new PackagePage.Provenance.Shown(ProvenanceSummary.parse(slsa.get().bundle()));
        } catch (FormatException e) {
            LOG.log(System.Logger.Level.WARNING, "stored provenance of " + version.name() + "@" + version.version()
                    + " is unreadable: " + e.getMessage());
            return new PackagePage.Provenance.Unreadable();
        }
    }

    private static Optional<ProvenanceSummary.LogEntryRef> publishAttestation(List<StoredAttestation> attestations) {
        for (StoredAttestation a : attestations) {
            if (a.predicateType().equals(PUBLISH_PREDICATE)) {
                try {
                    return ProvenanceSummary.logEntryOf(a.bundle());
                } catch (FormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private interface Page {
        RegistryResponse render() throws RegistryStorageException;
    }

    private RegistryResponse handle(Viewer viewer, boolean registryRead, Page page) {
        try {
            if (registryRead && !registry.options().anonymousReads()
                    && accounts.authenticate(viewer.authorization(), viewer.remoteAddress()).isEmpty()) {
                return html(401, Layout.message(site, "Login required", "This registry's packages are private."));
            }
            return page.render();
        } catch (RegistryException e) {
            return html(e.status(), Layout.message(site, "Not allowed", "The credentials were not accepted."));
        } catch (RegistryStorageException e) {
            LOG.log(System.Logger.Level.ERROR, "registry storage failed", e);
            return html(503, Layout.message(site, "Unavailable", "The registry could not answer; try again."))
                    .withHeader("Retry-After", "1");
        }
    }

    static RegistryResponse html(int status, String page) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", CSP);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Cache-Control", "no-cache");
        return new RegistryResponse(status, HTML, headers, Bytes.utf8(page));
    }

    private static Optional<PackageName> parseName(String raw) {
        try {
            return Optional.of(PackageName.parse(raw));
        } catch (FormatException e) {
            return Optional.empty();
        }
    }

    private static int parseOffset(String raw) {
        if (!raw.matches("[0-9]{1,5}")) {
            return 0;
        }
        return Math.min(Integer.parseInt(raw), 10_000);
    }

    private static byte[] stylesheetBytes() {
        try (InputStream in = WebPages.class.getResourceAsStream("hallmark.css")) {
            if (in == null) {
                throw new IllegalStateException("hallmark.css is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("hallmark.css is unreadable", e);
        }
    }
}
