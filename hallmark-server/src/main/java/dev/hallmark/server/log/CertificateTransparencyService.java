package dev.hallmark.server.log;

import dev.hallmark.ca.fulcio.PrecertificateLog;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.note.NoteSigner;
import dev.hallmark.core.trust.CertificateAuthorityInfo;
import dev.hallmark.core.x509.Certificates;
import dev.hallmark.log.ct.CtLimits;
import dev.hallmark.log.ct.CtLogApi;
import dev.hallmark.log.engine.LogEngine;
import dev.hallmark.log.storage.LogStorage;
import dev.hallmark.log.storage.LogStorages;
import dev.hallmark.server.ServiceContext;
import dev.hallmark.server.Services;
import dev.hallmark.server.http.Request;
import dev.hallmark.server.http.RouteGroup;
import dev.hallmark.server.keys.KeyName;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.security.cert.X509Certificate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 6962 certificate transparency log the CA submits precertificates to, at {@code /ct/ct/v1/…}: a second
 * instance of the log engine ("ct") with its own ECDSA P-256 key, listed in the trusted root's {@code ctlogs}. It
 * accepts chains ending at the CA roots the instance's trusted root names.
 */
public final class CertificateTransparencyService {
    public static final KeyName KEY = KeyName.of("ct");
    static final String PREFIX = "/ct/ct/v1";

    private CertificateTransparencyService() {
    }

    /** Starts the CT log and adds its routes; returns it as the CA's precertificate log. */
    public static PrecertificateLog wire(ServiceContext context, Services services) throws Exception {
        Signer key = context.keys().signer(KEY, SignatureAlgorithm.ECDSA_P256_SHA256);
        URI base = context.urls().ct();
        String name = base.getHost() + base.getPath();
        LogStorage storage = LogStorages.open(context.jdbcUrl(), context.dataDir().root(), "ct");
        // Group commit: the CA waits for every SCT, so a batch is whatever queued while the previous commit synced.
        LogEngine engine = LogEngine.builder(storage, NoteSigner.of(name, key), name, context.clock())
                .maxBatchAge(Duration.ZERO).build();
        services.closeAtShutdown(engine);
        engine.start();
        context.trust().writeCtLog(key.publicKey(), base, context.clock().instant().truncatedTo(ChronoUnit.SECONDS));

        CtLogApi api = new CtLogApi(engine, engine, storage.extraData(), key, acceptedRoots(context), context.clock(), CtLimits.defaults());
        services.add(RouteGroup.builder("ct", PREFIX)
                .post("/add-chain", r -> TransparencyLogService.http(api.addChain(r.body())))
                .post("/add-pre-chain", r -> TransparencyLogService.http(api.addPreChain(r.body())))
                .get("/get-sth", r -> TransparencyLogService.http(api.getSth()))
                .get("/get-sth-consistency", r -> TransparencyLogService.http(api.getSthConsistency(query(r, "first"), query(r, "second"))))
                .get("/get-proof-by-hash", r -> TransparencyLogService.http(api.getProofByHash(query(r, "hash"), query(r, "tree_size"))))
                .get("/get-entries", r -> TransparencyLogService.http(api.getEntries(query(r, "start"), query(r, "end"))))
                .get("/get-roots", r -> TransparencyLogService.http(api.getRoots()))
                .build());
        return new InProcessPrecertificateLog(api, key.publicKey());
    }

    /** The anchors of the CAs in the instance's trusted root: the chains the CA issues end there. */
    static List<X509Certificate> acceptedRoots(ServiceContext context) throws IOException, FormatException {
        List<X509Certificate> roots = new ArrayList<>();
        for (CertificateAuthorityInfo ca : context.trust().read().map(r -> r.certificateAuthorities()).orElse(List.of())) {
            Bytes anchor = ca.certChain().get(ca.certChain().size() - 1);
            roots.add(Certificates.parseDer(anchor));
        }
        return roots;
    }

    private static String query(Request request, String name) {
        return request.queryParam(name).orElse("");
    }
}
