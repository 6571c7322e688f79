package dev.hallmark.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The interception proxy itself: mapped hosts reach their upstream prefix over TLS the test CA vouches for; others don't. */
class SigstoreProxyTest {
    static HttpServer upstream;
    static InterceptionCa ca;
    static SigstoreProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", exchange -> {
            byte[] body = (exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("x-upstream", "yes");
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith("2.root.json") ? 404 : 201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
        ca = InterceptionCa.create();
        proxy = SigstoreProxy.forHallmark(URI.create("http://127.0.0.1:" + upstream.getAddress().getPort()), ca);
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        upstream.stop(0);
    }

    static HttpClient client() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        URI proxyUrl = URI.create(proxy.url());
        return HttpClient.newBuilder().sslContext(tls)
                .proxy(ProxySelector.of(new InetSocketAddress(proxyUrl.getHost(), proxyUrl.getPort()))).build();
    }

    @Test
    void eachPublicGoodHostIsRelayedToItsPrefixWithBodyStatusAndHeaders() throws Exception {
        HttpClient client = client();
        Map<String, String> expected = Map.of("fulcio.sigstore.dev", "/ca", "rekor.sigstore.dev", "/log",
                "tuf-repo-cdn.sigstore.dev", "/tuf");
        for (var e : expected.entrySet()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://" + e.getKey() + "/api/x?q=1"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(201);
            assertThat(r.body()).isEqualTo("POST " + e.getValue() + "/api/x?q=1 {\"a\":1}");
            assertThat(r.headers().firstValue("x-upstream")).contains("yes");
        }
        HttpResponse<String> next = client.send(HttpRequest.newBuilder(URI.create("https://tuf-repo-cdn.sigstore.dev/2.root.json"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(next.statusCode()).isEqualTo(404);
        assertThat(proxy.exchanges()).contains(new SigstoreProxy.Exchange("tuf-repo-cdn.sigstore.dev", "GET", "/2.root.json", 404));
    }

    @Test
    void otherHostsAndPlainRequestsAreRefused() throws Exception {
        for (String request : new String[] {"CONNECT registry.npmjs.org:443 HTTP/1.1\r\nHost: registry.npmjs.org:443\r\n\r\n",
                "CONNECT fulcio.sigstore.dev:80 HTTP/1.1\r\n\r\n", "GET http://fulcio.sigstore.dev/ HTTP/1.1\r\n\r\n"}) {
            URI proxyUrl = URI.create(proxy.url());
            try (Socket s = new Socket(proxyUrl.getHost(), proxyUrl.getPort())) {
                s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 403 ");
            }
        }
    }
}
