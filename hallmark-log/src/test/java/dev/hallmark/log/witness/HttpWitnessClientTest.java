package dev.hallmark.log.witness;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.merkle.ConsistencyProof;
import dev.hallmark.core.merkle.InMemoryMerkleTree;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.note.Checkpoint;
import dev.hallmark.core.note.NoteSigner;
import dev.hallmark.core.note.SignedNote;
import dev.hallmark.log.witness.WitnessResponse.Failed;
import dev.hallmark.log.witness.WitnessResponse.Reason;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP client against the test witness (every tlog-witness status) and against canned, misbehaving servers. */
class HttpWitnessClientTest {
    static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2025-06-01T12:00:00Z"));

    @TempDir
    Path dir;
    NoteSigner log;
    InMemoryMerkleTree tree = new InMemoryMerkleTree();
    TestWitness witness;
    HttpServer canned;

    @BeforeEach
    void setUp() throws Exception {
        log = NoteSigner.of("log.example", Signer.generate(SignatureAlgorithm.ED25519));
        witness = new TestWitness("witness.example", log.verifier(), CLOCK, dir).start();
        for (int i = 0; i < 10; i++) {
            tree.appendLeaf(new byte[] {(byte) i});
        }
    }

    @AfterEach
    void tearDown() {
        witness.stop();
        if (canned != null) {
            canned.stop(0);
        }
    }

    WitnessResponse send(WitnessPolicy.Witness to, WitnessRequest request) throws Exception {
        return new HttpWitnessClient(to, HttpWitnessClient.defaultHttpClient(Duration.ofSeconds(5)),
                Duration.ofSeconds(5)).addCheckpoint(request).get(30, TimeUnit.SECONDS);
    }

    WitnessPolicy.Witness target() throws Exception {
        return WitnessPolicy.parse(witness.policyLine("w") + "quorum w\n").witnesses().get(0);
    }

    SignedNote note(NoteSigner signer, String origin, long size) {
        return signer.signNote(new Checkpoint(origin, size, tree.root(size)).toNoteText());
    }

    @Test
    void cosignsAndAnswers409WithItsSize() throws Exception {
        WitnessResponse first = send(target(), WitnessRequest.of(tree.consistencyProof(0, 4), note(log, "log.example", 4)));
        assertThat(first).isInstanceOf(WitnessResponse.Cosigned.class);
        assertThat(((WitnessResponse.Cosigned) first).lines()).singleElement()
                .satisfies(l -> assertThat(l.name()).isEqualTo("witness.example"));
        WitnessResponse stale = send(target(), WitnessRequest.of(tree.consistencyProof(0, 10), note(log, "log.example", 10)));
        assertThat(stale).isEqualTo(new WitnessResponse.Conflict(4));
    }

    @Test
    void mapsTheWitnessErrorsToReasons() throws Exception {
        NoteSigner stranger = NoteSigner.of("other.example", Signer.generate(SignatureAlgorithm.ED25519));
        NoteSigner forger = NoteSigner.of("log.example", Signer.generate(SignatureAlgorithm.ED25519));
        assertThat(reason(send(target(), WitnessRequest.of(tree.consistencyProof(0, 4),
                note(stranger, "other.example", 4))))).isEqualTo(Reason.UNKNOWN_ORIGIN);
        assertThat(reason(send(target(), WitnessRequest.of(tree.consistencyProof(0, 4),
                note(forger, "log.example", 4))))).isEqualTo(Reason.BAD_LOG_SIGNATURE);
        assertThat(reason(send(target(), new WitnessRequest(5, List.of(), note(log, "log.example", 4)))))
                .isEqualTo(Reason.BAD_REQUEST);
        witness.store(3, tree.root(3));
        List<Bytes> wrong = tree.consistencyProof(3, 10).hashes().stream().map(h -> MerkleHash.emptyRoot()).toList();
        assertThat(reason(send(target(), new WitnessRequest(3, wrong, note(log, "log.example", 10)))))
                .isEqualTo(Reason.BAD_PROOF);
        witness.stop();
        assertThat(reason(send(target(), WitnessRequest.of(tree.consistencyProof(3, 10),
                note(log, "log.example", 10))))).isEqualTo(Reason.UNREACHABLE);
        witness.start();
    }

    @Test
    void refusesAnswersThatBreakTheProtocol() throws Exception {
        WitnessRequest request = WitnessRequest.of(new ConsistencyProof(0, 4, List.of()), note(log, "log.example", 4));
        String line = "\u2014 witness.example " + Bytes.of(new byte[76]).base64() + "\n";
        assertThat(reason(cannedAnswer(409, "text/plain", "4\n", request))).isEqualTo(Reason.MALFORMED_RESPONSE);
        assertThat(reason(cannedAnswer(409, "text/x.tlog.size", "04\n", request))).isEqualTo(Reason.MALFORMED_RESPONSE);
        assertThat(reason(cannedAnswer(200, "text/plain", "", request))).isEqualTo(Reason.MALFORMED_RESPONSE);
        assertThat(reason(cannedAnswer(200, "text/plain", "\n" + line, request))).isEqualTo(Reason.MALFORMED_RESPONSE);
        assertThat(reason(cannedAnswer(200, "text/plain", "hello\n", request))).isEqualTo(Reason.MALFORMED_RESPONSE);
        assertThat(reason(cannedAnswer(200, "text/plain", line.repeat(200), request)))
                .isEqualTo(Reason.MALFORMED_RESPONSE); // over the 8 KiB response limit
        assertThat(reason(cannedAnswer(500, "text/plain", "", request))).isEqualTo(Reason.MALFORMED_RESPONSE);
        assertThat(reason(cannedAnswer(302, "text/plain", "", request))).isEqualTo(Reason.MALFORMED_RESPONSE);
        assertThat(cannedAnswer(409, "text/x.tlog.size", "17\n", request)).isEqualTo(new WitnessResponse.Conflict(17));
        assertThat(cannedAnswer(200, "text/plain", line, request)).isInstanceOf(WitnessResponse.Cosigned.class);
    }

    private WitnessResponse cannedAnswer(int status, String type, String body, WitnessRequest request)
            throws Exception {
        if (canned != null) {
            canned.stop(0);
        }
        canned = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        canned.createContext("/w/add-checkpoint", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().set("Content-Type", type);
            ex.getResponseHeaders().set("Location", "http://127.0.0.1:1/elsewhere");
            ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        });
        canned.start();
        String url = "http://127.0.0.1:" + canned.getAddress().getPort() + "/w";
        WitnessPolicy.Witness to = WitnessPolicy.parse("witness w " + witness.vkey().format() + " " + url
                + "\nquorum w\n").witnesses().get(0);
        return send(to, request);
    }

    private static Reason reason(WitnessResponse r) {
        assertThat(r).isInstanceOf(Failed.class);
        return ((Failed) r).reason();
    }
}
