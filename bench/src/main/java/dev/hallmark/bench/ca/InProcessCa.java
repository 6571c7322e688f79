package dev.hallmark.bench.ca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.ca.fulcio.CertificateAuthority;
import dev.hallmark.ca.fulcio.CtSubmissionException;
import dev.hallmark.ca.fulcio.FulcioApi;
import dev.hallmark.ca.fulcio.IdentityProfiles;
import dev.hallmark.ca.fulcio.PrecertificateLog;
import dev.hallmark.ca.oidc.FederatedTokenVerifier;
import dev.hallmark.ca.oidc.IssuerConfig;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.note.NoteSigner;
import dev.hallmark.core.trust.CertificateAuthorityInfo;
import dev.hallmark.core.x509.Certificates;
import dev.hallmark.core.x509.SctEncoding;
import dev.hallmark.core.x509.SignedCertificateTimestamp;
import dev.hallmark.log.AddOutcome;
import dev.hallmark.log.LogAppender;
import dev.hallmark.log.api.LogApiResponse;
import dev.hallmark.log.ct.CtLimits;
import dev.hallmark.log.ct.CtLogApi;
import dev.hallmark.log.engine.LogEngine;
import dev.hallmark.log.engine.LogEngineBuilder;
import dev.hallmark.log.storage.ExtraDataStore;
import dev.hallmark.log.storage.LogStorage;
import dev.hallmark.log.storage.LogStorages;
import dev.hallmark.server.DataDirectory;
import dev.hallmark.server.ServiceContext;
import dev.hallmark.server.ca.CaChains;
import dev.hallmark.server.config.ConfigFile;
import dev.hallmark.server.config.ConfigOverrides;
import dev.hallmark.server.config.HallmarkConfig;
import dev.hallmark.server.http.HttpMetrics;
import dev.hallmark.server.keys.FileKeyManager;
import dev.hallmark.server.log.CertificateTransparencyService;
import dev.hallmark.server.trust.TrustMaterialWriter;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The CA as {@code HallmarkServer --dev} wires it (Services.wire: CaChains, the "ct" log engine on SQLite with its
 * CtLogApi, CertificateAuthority, FederatedTokenVerifier over the dev GitHub issuer), rebuilt here in its own data
 * directory so {@link FulcioApi#signingCert} can be called without HTTP and each seam timed by {@link Phases}. The
 * token verifier fetches the JWKS once from the running server's dev issuer (then cached), exactly as the server does.
 *
 * <p>CT modes: {@code server} keeps the server's engine defaults (LogEngineBuilder: batch age 250 ms, 256 entries);
 * {@code group-commit} is the log bench's tuned setting (age 0, 4096 entries); {@code no-durable} replaces the
 * extra_data write and the durable append by stubs, leaving the CPU work (chain check, SCT signing) as the ceiling.
 */
final class InProcessCa implements AutoCloseable {
    private final FulcioApi api;
    private final LogEngine engine;
    private final Phases phases;

    private InProcessCa(FulcioApi api, LogEngine engine, Phases phases) {
        this.api = api;
        this.engine = engine;
        this.phases = phases;
    }

    static InProcessCa open(Path dataDir, String issuerUrl, String ctMode) throws Exception {
        InstantSource clock = InstantSource.system();
        DataDirectory dir = DataDirectory.prepare(dataDir);
        HallmarkConfig config = ConfigFile.loadOrCreate(dir.root(), new ConfigOverrides(Optional.of("127.0.0.1"),
                Optional.of(0), Optional.empty(), Optional.empty(), true));
        ServiceContext context = new ServiceContext(config, config.publicUrls(1), dir, new FileKeyManager(dir.keys()),
                new TrustMaterialWriter(dir.trust()), new HttpMetrics(), clock);
        CaChains chains = CaChains.prepare(context);

        // as CertificateTransparencyService.wire
        Signer ctKey = context.keys().signer(CertificateTransparencyService.KEY, SignatureAlgorithm.ECDSA_P256_SHA256);
        URI base = context.urls().ct();
        String name = base.getHost() + base.getPath();
        LogStorage storage = LogStorages.open(context.jdbcUrl(), dir.root(), "ct");
        LogEngineBuilder builder = LogEngine.builder(storage, NoteSigner.of(name, ctKey), name, clock);
        if (!ctMode.equals("server")) {
            builder.maxBatchAge(Duration.ZERO).maxBatchEntries(4096).queueCapacity(8192);
        }
        LogEngine engine = builder.build().start();
        try {
            context.trust().writeCtLog(ctKey.publicKey(), base, clock.instant().truncatedTo(ChronoUnit.SECONDS));
            Phases phases = new Phases();
            LogAppender appender = ctMode.equals("no-durable") ? instant(clock) : engine;
            ExtraDataStore extra = ctMode.equals("no-durable") ? discard() : storage.extraData();
            CtLogApi ct = new CtLogApi(phases.appender(appender), engine, phases.extraData(extra), ctKey,
                    roots(context), clock, CtLimits.defaults());
            // as CertificateAuthorityService.trustedIssuers with --dev (the GitHub one is the one tokens come from)
            IssuerConfig github = new IssuerConfig(Optional.of(issuerUrl), Optional.empty(), "sigstore",
                    IssuerConfig.IssuerType.GITHUB_WORKFLOW, "sub");
            FulcioApi api = new FulcioApi(phases.verifier(FederatedTokenVerifier.create(List.of(github), clock)),
                    CertificateAuthority.create(chains.ca(),
                            phases.precertificateLog(new CtPrecertificateLog(ct, ctKey)), IdentityProfiles.standard(), clock));
            return new InProcessCa(api, engine, phases);
        } catch (Exception | Error e) {
            engine.close();
            throw e;
        }
    }

    Phases phases() {
        return phases;
    }

    /** One issuance through FulcioApi, timed as a whole. */
    boolean issue(Bytes body) {
        long t0 = System.nanoTime();
        var response = api.signingCert(body, Optional.empty());
        phases.record(Phases.Phase.TOTAL, System.nanoTime() - t0);
        if (response.status() != 200) {
            throw new IllegalStateException("signingCert answered " + response.status() + ": "
                    + new String(response.body().toArray(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return true;
    }

    @Override
    public void close() {
        engine.close();
    }

    /** The CA roots of this instance's trusted root (CertificateTransparencyService.acceptedRoots). */
    private static List<X509Certificate> roots(ServiceContext context) throws Exception {
        List<X509Certificate> roots = new ArrayList<>();
        for (CertificateAuthorityInfo ca : context.trust().read().map(r -> r.certificateAuthorities()).orElse(List.of())) {
            roots.add(Certificates.parseDer(ca.certChain().get(ca.certChain().size() - 1)));
        }
        return roots;
    }

    private static LogAppender instant(InstantSource clock) {
        AtomicLong next = new AtomicLong();
        return entry -> CompletableFuture.completedFuture(new AddOutcome.Added(next.getAndIncrement(), clock.instant()));
    }

    private static ExtraDataStore discard() {
        return new ExtraDataStore() {
            @Override
            public void put(Bytes leafHash, Bytes data) {
            }

            @Override
            public Map<Bytes, Bytes> get(List<Bytes> leafHashes) {
                return Map.of();
            }
        };
    }

    /** The server's InProcessPrecertificateLog (package-private there): add-pre-chain through CtLogApi, no HTTP. */
    private record CtPrecertificateLog(CtLogApi api, Signer key) implements PrecertificateLog {
        @Override
        public SignedCertificateTimestamp submit(List<X509Certificate> chain) throws CtSubmissionException {
            ObjectNode request = Json.object();
            ArrayNode certificates = request.putArray("chain");
            chain.forEach(c -> certificates.add(Certificates.der(c).base64()));
            LogApiResponse response = api.addPreChain(Bytes.of(Json.write(request)));
            if (response.status() != 200) {
                throw new CtSubmissionException("CT log answered " + response.status() + ": " + response.bodyText());
            }
            try {
                JsonNode sct = Json.parseObject(response.body().toArray(), 64 * 1024);
                return SctEncoding.fromResponse(sct.path("sct_version").asInt(-1), Json.requireBase64(sct, "id"),
                        Json.requireInt64String(sct, "timestamp"),
                        Json.optionalBase64(sct, "extensions").orElse(Bytes.EMPTY), Json.requireBase64(sct, "signature"));
            } catch (FormatException e) {
                throw new CtSubmissionException("CT log answered a malformed SCT", e);
            }
        }

        @Override
        public java.security.PublicKey publicKey() {
            return key.publicKey();
        }
    }
}
