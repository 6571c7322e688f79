package dev.hallmark.registry.auth;

import static dev.hallmark.registry.RegistryException.Reason.AUTHENTICATION_REQUIRED;
import static dev.hallmark.registry.RegistryException.Reason.BAD_CREDENTIALS;
import static dev.hallmark.registry.RegistryException.Reason.INVALID_REQUEST;
import static dev.hallmark.registry.RegistryException.Reason.NOT_FOUND;
import static dev.hallmark.registry.RegistryException.Reason.NOT_PERMITTED;
import static dev.hallmark.registry.RegistryException.Reason.SIGNUP_CLOSED;

import dev.hallmark.core.crypto.Digest;
import dev.hallmark.registry.RegistryException;
import dev.hallmark.registry.store.RegistryStorageException;
import dev.hallmark.registry.store.RegistryStore;
import dev.hallmark.registry.store.StoredToken;
import dev.hallmark.registry.store.StoredUser;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Accounts and access tokens (npm.md §8). Passwords are kept as Argon2id hashes; tokens are 256-bit random secrets
 * shown once and stored only as their SHA-256, so a database leak yields no usable credential. A lookup by that hash
 * is safe against timing: the attacker would have to guess 256 bits.
 */
public final class Accounts {
    /** npm user names: lower case, URL-safe, as npmjs requires. */
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]{1,64}@[^\\s@]{1,189}");
    private static final String TOKEN_PREFIX = "hm_";
    private static final Pattern TOKEN = Pattern.compile("hm_[A-Za-z0-9_-]{43}");
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final RegistryStore store;
    private final PasswordHasher passwords;
    private final InstantSource clock;
    private final SecureRandom random = new SecureRandom();
    private final boolean openSignup;

    public Accounts(RegistryStore store, PasswordHasher passwords, InstantSource clock, boolean openSignup) {
        this.store = Objects.requireNonNull(store, "store");
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.openSignup = openSignup;
    }

    /** A token as issued: the secret goes to the client once and is never stored. */
    public record IssuedToken(String secret, StoredToken stored) {
        @Override
        public String toString() {
            return "IssuedToken[" + stored.key() + "]";
        }
    }

    /**
     * {@code npm login} and {@code npm adduser} (the legacy couch flow): signs an existing user in, or creates the user
     * when signup is open and an e-mail address was given, and answers a new publish token.
     */
    public IssuedToken login(String username, String password, Optional<String> email)
            throws RegistryException, RegistryStorageException {
        checkPassword(password);
        Optional<StoredUser> user = store.findUser(username);
        if (user.isEmpty()) {
            if (email.isEmpty()) {
                passwords.burn(password);
                throw new RegistryException(BAD_CREDENTIALS, "incorrect user name or password");
            }
            if (!openSignup) {
                throw new RegistryException(SIGNUP_CLOSED, "this registry does not allow new accounts");
            }
            if (!USERNAME.matcher(username).matches()) {
                throw new RegistryException(INVALID_REQUEST, "user names are 1-64 lower-case letters, digits, '.', '_' or"
                        + " '-', starting with a letter or digit");
            }
            if (!EMAIL.matcher(email.get()).matches()) {
                throw new RegistryException(INVALID_REQUEST, "invalid e-mail address");
            }
            StoredUser created = new StoredUser(username, email.get(), passwords.hash(password), clock.instant());
            if (!store.createUser(created)) {
                throw new RegistryException(BAD_CREDENTIALS, "incorrect user name or password");
            }
            return issue(username, "login", false, Optional.empty(), List.of(), Optional.empty());
        }
        if (!passwords.matches(password, user.get().passwordHash())) {
            throw new RegistryException(BAD_CREDENTIALS, "incorrect user name or password");
        }
        return issue(username, "login", false, Optional.empty(), List.of(), Optional.empty());
    }

    /**
     * The principal of an {@code Authorization} header: {@code Bearer <token>} or {@code Basic <user:password>}
     * (npm sends Basic when retrying a login, npm.md §8). Empty without a header; refused for a wrong credential, and
     * for a token used from outside its CIDR allow-list.
     */
    public Optional<Principal> authenticate(Optional<String> authorization, String remoteAddress)
            throws RegistryException, RegistryStorageException {
        if (authorization.isEmpty()) {
            return Optional.empty();
        }
        String value = authorization.get().trim();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        String credential = space < 0 ? "" : value.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Bearer")) {
            return Optional.of(fromToken(credential, remoteAddress));
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            return Optional.of(fromPassword(credential));
        }
        throw new RegistryException(BAD_CREDENTIALS, "unsupported authorization scheme");
    }

    /** The principal, or a 401 asking for one. */
    public static Principal require(Optional<Principal> principal) throws RegistryException {
        return principal.orElseThrow(() -> new RegistryException(AUTHENTICATION_REQUIRED,
                "this command requires you to be logged in"));
    }

    public Optional<StoredUser> user(String username) throws RegistryStorageException {
        return store.findUser(username);
    }

    /** {@code npm token create}: needs the password again, as npmjs does. */
    public IssuedToken createToken(Principal principal, String password, boolean readonly, List<String> cidr,
            Optional<Duration> lifetime) throws RegistryException, RegistryStorageException {
        requireAccountRights(principal);
        checkPassword(password);
        StoredUser user = store.findUser(principal.username())
                .orElseThrow(() -> new RegistryException(BAD_CREDENTIALS, "no such user"));
        if (!passwords.matches(password, user.passwordHash())) {
            throw new RegistryException(BAD_CREDENTIALS, "incorrect password");
        }
        return issue(principal.username(), "token", readonly, Optional.empty(), cidr, lifetime);
    }

    /** A short-lived token that may publish one package only (trusted publishing, npm.md §11). */
    public IssuedToken issuePackageToken(String username, String packageName, Duration lifetime)
            throws RegistryStorageException {
        return issue(username, "oidc:" + packageName, false, Optional.of(packageName), List.of(), Optional.of(lifetime));
    }

    public List<StoredToken> tokens(Principal principal) throws RegistryException, RegistryStorageException {
        requireAccountRights(principal);
        return store.tokens(principal.username());
    }

    /** {@code npm token revoke <key>}: only the owner's own tokens. */
    public void revoke(Principal principal, String key) throws RegistryException, RegistryStorageException {
        requireAccountRights(principal);
        if (!store.deleteToken(principal.username(), key)) {
            throw new RegistryException(NOT_FOUND, "no token with key " + key);
        }
    }

    /** {@code npm logout}: the token in the path is revoked; knowing it is the authority to do so. */
    public void logout(String secret) throws RegistryException, RegistryStorageException {
        if (!TOKEN.matcher(secret).matches() || !store.deleteTokenByHash(hash(secret))) {
            throw new RegistryException(NOT_FOUND, "no such token");
        }
    }

    private Principal fromToken(String secret, String remoteAddress) throws RegistryException, RegistryStorageException {
        if (!TOKEN.matcher(secret).matches()) {
            throw new RegistryException(BAD_CREDENTIALS, "invalid token");
        }
        StoredToken token = store.findToken(hash(secret))
                .orElseThrow(() -> new RegistryException(BAD_CREDENTIALS, "invalid or revoked token"));
        if (token.expiresAt().map(e -> !clock.instant().isBefore(e)).orElse(false)) {
            throw new RegistryException(BAD_CREDENTIALS, "token expired");
        }
        if (!token.cidr().isEmpty() && token.cidr().stream().noneMatch(c -> Cidr.contains(c, remoteAddress))) {
            throw new RegistryException(BAD_CREDENTIALS, "this token may not be used from this address");
        }
        return new Principal(token.username(), token.readonly(), token.pkg(), Optional.of(token.key()));
    }

    private Principal fromPassword(String basic) throws RegistryException, RegistryStorageException {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(basic), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(BAD_CREDENTIALS, "malformed basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new RegistryException(BAD_CREDENTIALS, "malformed basic credentials");
        }
        String username = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        checkPassword(password);
        Optional<StoredUser> user = store.findUser(username);
        if (user.isEmpty()) {
            passwords.burn(password);
            throw new RegistryException(BAD_CREDENTIALS, "incorrect user name or password");
        }
        if (!passwords.matches(password, user.get().passwordHash())) {
            throw new RegistryException(BAD_CREDENTIALS, "incorrect user name or password");
        }
        return new Principal(username, false, Optional.empty(), Optional.empty());
    }

    private IssuedToken issue(String username, String name, boolean readonly, Optional<String> pkg, List<String> cidr,
            Optional<Duration> lifetime) throws RegistryStorageException {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String secret = TOKEN_PREFIX + B64URL.encodeToString(raw);
        Instant now = clock.instant();
        StoredToken token = new StoredToken(UUID.randomUUID().toString(), hash(secret), username, name,
                secret.substring(0, 7), readonly, pkg, cidr, now, lifetime.map(now::plus));
        store.addToken(token);
        return new IssuedToken(secret, token);
    }

    private static void requireAccountRights(Principal principal) throws RegistryException {
        if (!principal.mayManageAccount()) {
            throw new RegistryException(NOT_PERMITTED, "this token cannot manage the account");
        }
    }

    private static void checkPassword(String password) throws RegistryException {
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > PasswordHasher.MAX_PASSWORD_BYTES) {
            throw new RegistryException(INVALID_REQUEST, "a password is 1 to " + PasswordHasher.MAX_PASSWORD_BYTES
                    + " bytes");
        }
    }

    static String hash(String secret) {
        return Digest.sha256(secret.getBytes(StandardCharsets.UTF_8)).hex();
    }
}
