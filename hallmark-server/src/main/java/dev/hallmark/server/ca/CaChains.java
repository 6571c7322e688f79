package dev.hallmark.server.ca;

import dev.hallmark.ca.keys.CaChain;
import dev.hallmark.ca.tsa.TsaChain;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.trust.CertificateAuthorityInfo;
import dev.hallmark.core.trust.ValidityPeriod;
import dev.hallmark.core.x509.Certificates;
import dev.hallmark.server.ServiceContext;
import dev.hallmark.server.internal.AtomicFiles;
import dev.hallmark.server.keys.KeyName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The instance's CA chain (root + intermediate) and TSA chain (root + signing certificate): created at first start from
 * managed keys (ECDSA P-384, as the public good), stored as PEM under {@code DIR/trust/}, reloaded later, and listed in
 * the trusted root. Prepared before the CT log starts, since the CT log accepts chains ending at this CA's root.
 */
public record CaChains(CaChain ca, TsaChain tsa) {
    public static final KeyName CA_ROOT = KeyName.of("ca-root");
    public static final KeyName CA_INTERMEDIATE = KeyName.of("ca-intermediate");
    public static final KeyName TSA_ROOT = KeyName.of("tsa-root");
    public static final KeyName TSA_SIGNING = KeyName.of("tsa");
    static final String CA_CHAIN_FILE = "ca-chain.pem";
    static final String TSA_CHAIN_FILE = "tsa-chain.pem";

    public static CaChains prepare(ServiceContext context) throws Exception {
        Path trust = context.trust().trustedRootPath().getParent();
        SignatureAlgorithm p384 = SignatureAlgorithm.ECDSA_P384_SHA384;
        Signer intermediate = context.keys().signer(CA_INTERMEDIATE, p384);
        Path caFile = trust.resolve(CA_CHAIN_FILE);
        CaChain ca = Files.exists(caFile)
                ? CaChain.fromPem(Files.readString(caFile), intermediate)
                : store(caFile, CaChain.create(context.keys().signer(CA_ROOT, p384), intermediate, context.clock().instant()));
        Signer tsaSigner = context.keys().signer(TSA_SIGNING, p384);
        Path tsaFile = trust.resolve(TSA_CHAIN_FILE);
        TsaChain tsa = Files.exists(tsaFile)
                ? TsaChain.fromPem(Files.readString(tsaFile), tsaSigner)
                : storeTsa(tsaFile, TsaChain.create(context.keys().signer(TSA_ROOT, p384), tsaSigner, context.clock().instant()));

        context.trust().writeAuthority(authority("hallmark-root", context.urls().ca().toString(), ca.certificates()), false);
        context.trust().writeAuthority(authority("hallmark-tsa-root", context.urls().tsa() + "/api/v1/timestamp",
                List.of(tsa.signingCertificate(), tsa.root())), true);
        return new CaChains(ca, tsa);
    }

    private static CaChain store(Path file, CaChain chain) throws Exception {
        AtomicFiles.writeIfAbsent(file, chain.pem().getBytes(StandardCharsets.US_ASCII), false);
        return chain;
    }

    private static TsaChain storeTsa(Path file, TsaChain chain) throws Exception {
        AtomicFiles.writeIfAbsent(file, chain.pem().getBytes(StandardCharsets.US_ASCII), false);
        return chain;
    }

    /** A trusted-root authority entry: the chain most specific first, valid from the first certificate's notBefore. */
    private static CertificateAuthorityInfo authority(String commonName, String uri, List<X509Certificate> chain) {
        List<Bytes> der = chain.stream().map(Certificates::der).toList();
        return new CertificateAuthorityInfo("hallmark", commonName, uri, der,
                ValidityPeriod.from(chain.get(0).getNotBefore().toInstant()), Optional.empty());
    }
}
