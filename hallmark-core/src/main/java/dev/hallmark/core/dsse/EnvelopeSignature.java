package dev.hallmark.core.dsse;

import dev.hallmark.core.crypto.Bytes;

/** TEMPORARY placeholder until the dsse package lands from its branch. */
public record EnvelopeSignature(String keyid, Bytes sig) {
}
