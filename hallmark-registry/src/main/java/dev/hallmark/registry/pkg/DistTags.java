package dev.hallmark.registry.pkg;

import dev.hallmark.core.FormatException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A package's dist-tags: tag name to version, in insertion order (the packument's {@code dist-tags} object).
 *
 * <p>Tag names are validated by {@link #validateTag}. npm refuses a tag that is a valid SemVer range
 * ({@code semver.validRange(tag)}, npm.md §9; npm/cli lib/commands/dist-tag.js and publish.js) because
 * {@code name@tag} must not be read as {@code name@range}. The registry enforces a simpler, stricter rule that implies
 * npm's for every name it accepts: {@code [A-Za-z0-9][A-Za-z0-9._-]*}, at most {@value #MAX_TAG_LENGTH} characters,
 * and, after any leading {@code v}s (node-semver's range grammar skips them), not starting with a digit and not
 * {@code x}/{@code X} alone or followed by a dot. That keeps {@code latest}, {@code next}, {@code beta} and
 * {@code canary}, and refuses {@code 1}, {@code v2}, {@code 1a}, {@code x}, {@code vx} and {@code x.x}.
 */
public record DistTags(Map<String, SemVer> tags) {
    public static final String LATEST = "latest";
    public static final int MAX_TAG_LENGTH = 128;

    public DistTags {
        Objects.requireNonNull(tags, "tags");
        Map<String, SemVer> copy = new LinkedHashMap<>();
        for (Map.Entry<String, SemVer> entry : tags.entrySet()) {
            String problem = tagProblem(entry.getKey());
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            copy.put(entry.getKey(), Objects.requireNonNull(entry.getValue(), "version"));
        }
        tags = Collections.unmodifiableMap(copy);
    }

    public static DistTags empty() {
        return new DistTags(Map.of());
    }

    /** Returns the tag if the registry accepts it as a dist-tag name; the message says why not otherwise. */
    public static String validateTag(String tag) throws FormatException {
        String problem = tagProblem(tag);
        if (problem != null) {
            throw new FormatException(problem);
        }
        return tag;
    }

    public static boolean isValidTag(String tag) {
        return tagProblem(tag) == null;
    }

    public Optional<SemVer> get(String tag) {
        return Optional.ofNullable(tags.get(tag));
    }

    public Optional<SemVer> latest() {
        return get(LATEST);
    }

    /** These tags with {@code tag} set to {@code version}, replacing any earlier value in place. */
    public DistTags with(String tag, SemVer version) throws FormatException {
        validateTag(tag);
        Map<String, SemVer> copy = new LinkedHashMap<>(tags);
        copy.put(tag, Objects.requireNonNull(version, "version"));
        return new DistTags(copy);
    }

    public DistTags without(String tag) {
        if (!tags.containsKey(tag)) {
            return this;
        }
        Map<String, SemVer> copy = new LinkedHashMap<>(tags);
        copy.remove(tag);
        return new DistTags(copy);
    }

    private static String tagProblem(String tag) {
        if (tag == null || tag.isEmpty()) {
            return "tag name must not be empty";
        }
        if (tag.length() > MAX_TAG_LENGTH) {
            return "tag name is longer than " + MAX_TAG_LENGTH + " characters";
        }
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
                return "tag name must match [A-Za-z0-9][A-Za-z0-9._-]*";
            }
        }
        if (SemVer.isValid(tag)) {
            return "tag name must not be a version: " + tag;
        }
        // node-semver's range grammar starts with [v=\s]* before an X-range: skip the v's as it does.
        int start = 0;
        while (start < tag.length() && tag.charAt(start) == 'v') {
            start++;
        }
        String range = tag.substring(start);
        boolean looksLikeRange = !range.isEmpty() && (Character.isDigit(range.charAt(0))
                || range.equals("x") || range.equals("X") || range.startsWith("x.") || range.startsWith("X."));
        if (looksLikeRange) {
            return "tag name must not look like a SemVer range: " + tag;
        }
        return null;
    }
}
