package dev.hallmark.ca.oidc;

import static dev.hallmark.ca.oidc.TokenException.Reason.ISSUER_UNREACHABLE;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Each matched issuer's keys, fetched once and reused. A refresh happens when the keys are older than
 * {@link #MAX_AGE} or a token names an unknown {@code kid} (the issuer rotated), but at most once per
 * {@link #MIN_REFRESH_INTERVAL} per issuer, failed attempts included: a stream of tokens with made-up key ids or
 * for an unreachable issuer costs one fetch per interval, not one per token. When a refresh fails, the last good
 * keys stay in use, so an issuer outage does not stop signing with keys that were valid minutes ago.
 */
final class KeySetCache {
    static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
    static final Duration MAX_AGE = Duration.ofHours(1);
    /** Bounds memory when a wildcard issuer admits many tenants. */
    static final int MAX_ISSUERS = 1024;
    private static final int MAX_KEYS = 100;
    private static final System.Logger LOG = System.getLogger(KeySetCache.class.getName());

    private final KeySetSource source;
    private final InstantSource clock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    KeySetCache(KeySetSource source, InstantSource clock) {
        this.source = Objects.requireNonNull(source);
        this.clock = Objects.requireNonNull(clock);
    }

    /** The issuer's keys, fetched if never fetched or too old. */
    SignatureCheck current(String issuer) throws TokenException {
        Entry entry = entry(issuer);
        SignatureCheck keys = entry.keys;
        if (keys != null && clock.instant().isBefore(entry.fetchedAt.plus(MAX_AGE))) {
            return keys;
        }
        return refresh(entry, issuer);
    }

    /** The issuer's keys after a refresh, or the current ones if the last attempt was too recent. */
    SignatureCheck refreshed(String issuer) throws TokenException {
        return refresh(entry(issuer), issuer);
    }

    private Entry entry(String issuer) {
        if (entries.size() >= MAX_ISSUERS && !entries.containsKey(issuer)) {
            entries.clear();
        }
        return entries.computeIfAbsent(issuer, k -> new Entry());
    }

    private SignatureCheck refresh(Entry entry, String issuer) throws TokenException {
        entry.lock.lock();
        try {
            Instant now = clock.instant();
            if (entry.lastAttempt != null && now.isBefore(entry.lastAttempt.plus(MIN_REFRESH_INTERVAL))) {
                if (entry.keys != null) {
                    return entry.keys;
                }
                throw new TokenException(ISSUER_UNREACHABLE, "issuer keys unavailable (recent fetch failed)");
            }
            entry.lastAttempt = now;
            try {
                SignatureCheck keys = parse(source.fetchKeySet(issuer));
                entry.keys = keys;
                entry.fetchedAt = now;
                return keys;
            } catch (TokenException e) {
                if (entry.keys == null) {
                    throw e;
                }
                LOG.log(System.Logger.Level.WARNING, "refreshing keys of " + issuer + " failed; keeping the last good"
                        + " ones: " + e.getMessage());
                return entry.keys;
            }
        } finally {
            entry.lock.unlock();
        }
    }

    /** Public keys only: private or symmetric members of a JWKS are dropped, never used. */
    private static SignatureCheck parse(String json) throws TokenException {
        JWKSet keys;
        try {
            keys = JWKSet.parse(json).toPublicJWKSet();
        } catch (java.text.ParseException | RuntimeException e) {
            throw new TokenException(ISSUER_UNREACHABLE, "issuer JWKS is malformed");
        }
        if (keys.getKeys().size() > MAX_KEYS) {
            throw new TokenException(ISSUER_UNREACHABLE, "issuer JWKS has too many keys");
        }
        return SignatureCheck.of(keys);
    }

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        volatile SignatureCheck keys;
        volatile Instant fetchedAt;
        volatile Instant lastAttempt;
    }
}
