package dev.hallmark.core.bundle;

/** What a bundle signs: a message signature over an artifact, or a DSSE envelope (exactly one, sigstore.md §6). */
public sealed interface BundleContent permits MessageSignature, DsseContent {
}
