package dev.hallmark.bench.reliability;

import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Pre-built {@code POST /log/api/v1/log/entries} requests, each a distinct hashedrekord 0.0.1 entry (sha256 of a
 * fresh artifact, an ECDSA P-256 signature over it, the PEM public key), as cosign and sigstore clients send them.
 * Signing costs ~0.2 ms, so entries are made before the load, in parallel; a request the server refused as overloaded
 * (503/429 that is not a commit timeout) was not logged and goes back to the pool, anything else is spent.
 */
final class LogEntryPool implements LoadRunner.Workload {
    static final String PATH = "/log/api/v1/log/entries";
    private final URI base;
    private final Signer key = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    private final String pem;
    private final List<byte[]> fresh = new ArrayList<>();
    private final AtomicInteger cursor = new AtomicInteger();
    private final ConcurrentLinkedQueue<byte[]> returned = new ConcurrentLinkedQueue<>();
    private final AtomicInteger made = new AtomicInteger();

    LogEntryPool(URI base) {
        this.base = base;
        this.pem = Base64.getEncoder().encodeToString(Keys.toPem(key.publicKey()).getBytes(StandardCharsets.US_ASCII));
    }

    /** Makes {@code n} more entries (in parallel); call only while no load runs. */
    void grow(int n) {
        int first = made.getAndAdd(n);
        List<byte[]> more = IntStream.range(first, first + n).parallel().mapToObj(this::request).toList();
        synchronized (fresh) {
            fresh.addAll(more);
        }
    }

    /** Entries never sent, or returned. */
    int remaining() {
        return fresh.size() - Math.min(cursor.get(), fresh.size()) + returned.size();
    }

    /** The proposed entry for one artifact: hashedrekord 0.0.1 as {@code rekor-cli}/cosign send it. */
    static String hashedRekord(Signer key, String pemBase64, byte[] artifact) {
        return "{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{\"data\":{\"hash\":{\"algorithm\":\"sha256\","
                + "\"value\":\"" + Digest.sha256(artifact).hex() + "\"}},\"signature\":{\"content\":\""
                + key.sign(artifact).base64() + "\",\"publicKey\":{\"content\":\"" + pemBase64 + "\"}}}}";
    }

    private byte[] request(int i) {
        byte[] artifact = ByteBuffer.allocate(32).putLong(System.nanoTime()).putInt(i).putLong(key.hashCode()).array();
        byte[] body = hashedRekord(key, pem, artifact).getBytes(StandardCharsets.UTF_8);
        return RawHttp.request("POST", base, PATH, "Content-Type: application/json\r\nAccept: application/json\r\n", body);
    }

    @Override
    public byte[] next() {
        byte[] r = returned.poll();
        if (r != null) {
            return r;
        }
        int i = cursor.getAndIncrement();
        synchronized (fresh) {
            return i < fresh.size() ? fresh.get(i) : null;
        }
    }

    @Override
    public void done(byte[] request, RawHttp.Reply reply) {
        if (reply != null && (reply.status() == 429 || reply.status() == 503) && reply.text().contains("overloaded")) {
            returned.add(request);
        }
    }
}
