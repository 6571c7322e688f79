package dev.hallmark.interop;

import dev.hallmark.core.x509.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * The test CA of the interception proxy (npm.md §14 C.1): a throw-away root that Node trusts only through
 * {@code NODE_EXTRA_CA_CERTS}, and per-host TLS server contexts whose leaf names the public-good host (SAN dNSName,
 * serverAuth), so npm's TLS check passes for {@code fulcio.sigstore.dev} while talking to the test Hallmark.
 * Public for {@code bench/run-audit}, with {@link SigstoreProxy}.
 */
public final class InterceptionCa {
    private static final char[] NO_PASSWORD = "test".toCharArray();
    private final TestPki.Issued root;

    private InterceptionCa(TestPki.Issued root) {
        this.root = root;
    }

    public static InterceptionCa create() throws Exception {
        return new InterceptionCa(TestPki.root("CN=Hallmark interop interception CA").build());
    }

    /** Writes the root as PEM, the form {@code NODE_EXTRA_CA_CERTS} reads. */
    public Path writePem(Path file) throws Exception {
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(root.cert().getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        return Files.writeString(file, pem);
    }

    X509Certificate certificate() {
        return root.cert();
    }

    /** A TLS server context presenting a leaf for {@code host}, with the chain up to this root. */
    SSLContext serverContext(String host) throws Exception {
        TestPki.Issued leaf = root.issue("CN=" + host).eku(KeyPurposeId.id_kp_serverAuth)
                .san(new GeneralName(GeneralName.dNSName, host)).build();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("leaf", leaf.key().privateKey(), NO_PASSWORD, new Certificate[] {leaf.cert(), root.cert()});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, NO_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
