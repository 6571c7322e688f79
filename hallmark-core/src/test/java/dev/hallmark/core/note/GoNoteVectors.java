package dev.hallmark.core.note;

/** Known answers from golang.org/x/mod/sumdb/note and C2SP signed-note / tlog-cosignature test data. */
final class GoNoteVectors {
    private GoNoteVectors() {
    }

    static final String PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    /** The private key's type byte and 32-byte Ed25519 seed, from the Go package's example signer key. */
    static final String PETER_SKEY_MATERIAL = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String PETER_TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    static final String PETER_SIGNATURE_LINE = "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    static final String PETER_NOTE = PETER_TEXT + "\n" + PETER_SIGNATURE_LINE;

    static final String FOO_VKEY = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
    static final String FOO_NOTE = "This is an example message.\n\n"
            + "— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    /** transparency-dev/formats note tests: a type 0x01 key whose base64 contains '+', and a type 0x04 key. */
    static final String PLUS_VKEY = "TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6";
    static final String COSIGNATURE_VKEY = "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2";
}
