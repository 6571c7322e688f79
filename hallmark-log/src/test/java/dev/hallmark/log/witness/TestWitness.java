package dev.hallmark.log.witness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.merkle.ConsistencyProof;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.merkle.ProofException;
import dev.hallmark.core.note.Checkpoint;
import dev.hallmark.core.note.CosignatureSigner;
import dev.hallmark.core.note.NoteException;
import dev.hallmark.core.note.NoteSignature;
import dev.hallmark.core.note.NoteVerifier;
import dev.hallmark.core.note.SignedNote;
import dev.hallmark.core.note.VerifierKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A real C2SP tlog-witness (the witness side of {@code add-checkpoint}, sigstore.md §4.4) for one log, served on
 * 127.0.0.1: verifies the log's signature (403; 404 for another origin), checks the old size against its latest
 * cosigned size (409 with {@code text/x.tlog.size}), the proof against its stored root (422), persists the new
 * (size, root) atomically (temp file + atomic rename) before answering, and cosigns with core's
 * {@link CosignatureSigner}. {@link #corrupt} makes it return cosignatures that do not verify.
 */
public final class TestWitness implements AutoCloseable {
    private final CosignatureSigner cosigner;
    private final NoteVerifier logKey;
    private final InstantSource clock;
    private final Path state;
    private final ReentrantLock lock = new ReentrantLock();
    final AtomicInteger cosigned = new AtomicInteger();
    final AtomicInteger conflicts = new AtomicInteger();
    volatile boolean corrupt;
    private int port;
    private HttpServer server;

    public TestWitness(String name, NoteVerifier logKey, InstantSource clock, Path dir) throws FormatException {
        this.cosigner = CosignatureSigner.of(name, Signer.generate(SignatureAlgorithm.ED25519));
        this.logKey = logKey;
        this.clock = clock;
        this.state = dir.resolve(name.replace('/', '_') + ".state");
    }

    public VerifierKey vkey() {
        return cosigner.verifierKey();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port + "/witness");
    }

    /** A policy line for this witness. */
    public String policyLine(String policyName) {
        return "witness " + policyName + " " + vkey().format() + " " + url() + "\n";
    }

    /** Starts serving (again on the same port after {@link #stop}). */
    public TestWitness start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/witness/add-checkpoint", this::handle);
        server.start();
        port = server.getAddress().getPort();
        return this;
    }

    public void stop() {
        server.stop(0);
    }

    @Override
    public void close() {
        stop();
    }

    /** The latest (size, root) this witness cosigned; (0, empty root) before the first. */
    Stored stored() {
        try {
            if (!Files.exists(state)) {
                return new Stored(0, MerkleHash.emptyRoot());
            }
            String[] s = Files.readString(state).split(" ");
            return new Stored(Long.parseLong(s[0]), Bytes.fromBase64(s[1]));
        } catch (IOException | FormatException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Overwrites the stored state, e.g. to make the witness start ahead of or behind the log. */
    void store(long size, Bytes root) {
        try {
            Path tmp = state.resolveSibling(state.getFileName() + ".tmp");
            Files.writeString(tmp, size + " " + root.base64());
            Files.move(tmp, state, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Stored(long size, Bytes root) {
    }

    record Answer(int status, String contentType, String body) {
    }

    private void handle(HttpExchange exchange) throws IOException {
        Answer a;
        try (InputStream in = exchange.getRequestBody()) {
            a = "POST".equals(exchange.getRequestMethod())
                    ? addCheckpoint(in.readNBytes(WitnessRequest.MAX_BODY + 1))
                    : new Answer(405, "text/plain", "");
        }
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", a.contentType());
        exchange.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The tlog-witness checks, in the order the spec gives them. */
    Answer addCheckpoint(byte[] body) {
        WitnessRequest request;
        try {
            request = WitnessRequest.parse(body);
        } catch (FormatException e) {
            return new Answer(400, "text/plain", "");
        }
        SignedNote note = request.checkpoint();
        if (!note.text().startsWith(logKey.name() + "\n")) {
            return new Answer(404, "text/plain", "");
        }
        Checkpoint checkpoint;
        try {
            checkpoint = note.verifyCheckpoint(List.of(logKey));
        } catch (NoteException e) {
            return new Answer(403, "text/plain", "");
        }
        if (request.oldSize() > checkpoint.size()) {
            return new Answer(400, "text/plain", "");
        }
        lock.lock(); // check-and-persist atomically (tlog-witness: the rollback race)
        try {
            Stored stored = stored();
            if (request.oldSize() != stored.size()
                    || request.oldSize() == checkpoint.size() && !stored.root().equals(checkpoint.rootHash())) {
                conflicts.incrementAndGet();
                return new Answer(409, "text/x.tlog.size", stored.size() + "\n");
            }
            try {
                ConsistencyProof.of(request.oldSize(), checkpoint.size(), request.proof())
                        .verify(stored.root(), checkpoint.rootHash());
            } catch (ProofException e) {
                return new Answer(422, "text/plain", "");
            }
            store(checkpoint.size(), checkpoint.rootHash());
        } finally {
            lock.unlock();
        }
        NoteSignature line = cosigner.sign(note.text(), clock.instant().getEpochSecond());
        if (corrupt) {
            byte[] sig = line.signature().toArray();
            sig[sig.length - 1] ^= 1;
            line = new NoteSignature(line.name(), line.keyId(), Bytes.of(sig));
        }
        cosigned.incrementAndGet();
        return new Answer(200, "text/plain; charset=utf-8", line.line());
    }
}
