package dev.hallmark.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The network settings a CI job gives npm, read the same way so that {@code hallmark} works wherever npm does: behind
 * a proxy ({@code https_proxy}/{@code HTTPS_PROXY}, {@code http_proxy}/{@code HTTP_PROXY}, {@code no_proxy}/
 * {@code NO_PROXY}, npm's {@code npm_config_https_proxy}/{@code npm_config_proxy}) and with a private CA added to the
 * JDK's ({@code NODE_EXTRA_CA_CERTS}, npm's {@code npm_config_cafile}). Redirects are never followed.
 */
final class HttpEnvironment {
    static final long MAX_CA_FILE_BYTES = 16 * 1024 * 1024;

    private HttpEnvironment() {
    }

    static java.net.http.HttpClient client(Map<String, String> env) {
        java.net.http.HttpClient.Builder builder = java.net.http.HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(15))
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER);
        Optional<URI> https = proxy(env, "npm_config_https_proxy", "https_proxy", "HTTPS_PROXY");
        Optional<URI> http = proxy(env, "npm_config_proxy", "http_proxy", "HTTP_PROXY");
        if (https.isPresent() || http.isPresent()) {
            builder.proxy(new EnvironmentProxies(https, http, noProxy(env)));
        }
        List<Path> caFiles = new ArrayList<>();
        for (String name : List.of("NODE_EXTRA_CA_CERTS", "npm_config_cafile")) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                caFiles.add(Path.of(value));
            }
        }
        if (!caFiles.isEmpty()) {
            builder.sslContext(withExtraCas(caFiles));
        }
        return builder.build();
    }

    private static Optional<URI> proxy(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                URI uri = ServiceCall.url(value.contains("://") ? value : "http://" + value, name);
                if (uri.getPort() < 0 && !"http".equalsIgnoreCase(uri.getScheme())) {
                    throw CliException.usage(name + " must name the proxy's port");
                }
                return Optional.of(uri);
            }
        }
        return Optional.empty();
    }

    private static List<String> noProxy(Map<String, String> env) {
        String value = Optional.ofNullable(env.get("no_proxy")).orElse(env.getOrDefault("NO_PROXY", ""));
        List<String> hosts = new ArrayList<>();
        for (String entry : value.split(",")) {
            String host = entry.strip().toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
            if (!host.isEmpty()) {
                hosts.add(host.startsWith("*.") ? host.substring(1) : host);
            }
        }
        return List.copyOf(hosts);
    }

    /** The JDK's trusted CAs plus every certificate in the given PEM files. */
    private static SSLContext withExtraCas(List<Path> files) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            defaults.init((KeyStore) null);
            int n = 0;
            for (TrustManager tm : defaults.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    for (X509Certificate ca : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("jdk-" + n++, ca);
                    }
                }
            }
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            for (Path file : files) {
                // a CA bundle such as /etc/ssl/certs/ca-certificates.crt holds hundreds of certificates
                Collection<? extends Certificate> certificates;
                try {
                    certificates = x509.generateCertificates(new ByteArrayInputStream(
                            InputFiles.read(file, MAX_CA_FILE_BYTES, "CA certificate file")));
                } catch (CertificateException e) {
                    throw CliException.usage("the CA certificate file " + file + " is not PEM certificates: " + e.getMessage());
                }
                if (certificates.isEmpty()) {
                    throw CliException.usage("the CA certificate file " + file + " holds no certificate");
                }
                for (Certificate ca : certificates) {
                    store.setCertificateEntry("extra-" + n++, ca);
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw CliException.usage("cannot set up TLS with the extra CA certificates: " + e.getMessage());
        }
    }

    /** https URLs through the https proxy, http URLs through the http proxy, {@code no_proxy} hosts directly. */
    private static final class EnvironmentProxies extends ProxySelector {
        private final Optional<URI> https;
        private final Optional<URI> http;
        private final List<String> direct;

        EnvironmentProxies(Optional<URI> https, Optional<URI> http, List<String> direct) {
            this.https = https;
            this.http = http;
            this.direct = direct;
        }

        @Override
        public List<Proxy> select(URI uri) {
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            boolean bypass = direct.stream().anyMatch(d -> d.equals("*") || host.equals(d)
                    || d.startsWith(".") && host.endsWith(d) || host.endsWith("." + d));
            Optional<URI> proxy = "https".equalsIgnoreCase(uri.getScheme()) ? https.or(() -> http) : http;
            if (bypass || proxy.isEmpty()) {
                return List.of(Proxy.NO_PROXY);
            }
            URI p = proxy.get();
            int port = p.getPort() >= 0 ? p.getPort() : 80;
            return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.getHost(), port)));
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException e) {
            // the request fails with the IOException; ServiceCall reports it in one line
        }
    }
}
