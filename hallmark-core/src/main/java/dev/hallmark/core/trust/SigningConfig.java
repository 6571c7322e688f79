package dev.hallmark.core.trust;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which services a signer uses ({@code dev.sigstore.trustroot.v1.SigningConfig} v0.2, sigstore.md §7.2): CA, OIDC
 * provider, transparency logs and TSAs, with the selection rule for logs and TSAs.
 */
public record SigningConfig(
        List<Service> caUrls,
        List<Service> oidcUrls,
        List<Service> rekorTlogUrls,
        List<Service> tsaUrls,
        Selector rekorTlogConfig,
        Selector tsaConfig) {
    public static final String MEDIA_TYPE_V0_2 = "application/vnd.dev.sigstore.signingconfig.v0.2+json";

    public SigningConfig {
        caUrls = List.copyOf(caUrls);
        oidcUrls = List.copyOf(oidcUrls);
        rekorTlogUrls = List.copyOf(rekorTlogUrls);
        tsaUrls = List.copyOf(tsaUrls);
        Objects.requireNonNull(rekorTlogConfig, "rekorTlogConfig");
        Objects.requireNonNull(tsaConfig, "tsaConfig");
    }

    /** One service endpoint: a base URL (a full endpoint URL for TSAs), its API major version and validity. */
    public record Service(String url, int majorApiVersion, ValidityPeriod validFor, Optional<String> operator) {
        public Service {
            Objects.requireNonNull(url, "url");
            if (majorApiVersion < 1) {
                throw new IllegalArgumentException("majorApiVersion must be >= 1");
            }
            Objects.requireNonNull(validFor, "validFor");
            Objects.requireNonNull(operator, "operator");
        }
    }

    /** How many of the eligible services to use: all, any one, or exactly {@code count}. */
    public record Selector(Kind kind, int count) {
        public enum Kind { ALL, ANY, EXACT }

        public Selector {
            Objects.requireNonNull(kind, "kind");
            if (kind == Kind.EXACT ? count < 1 : count != 0) {
                throw new IllegalArgumentException("EXACT needs a positive count; ALL and ANY take none");
            }
        }

        public static final Selector ANY = new Selector(Kind.ANY, 0);
        public static final Selector ALL = new Selector(Kind.ALL, 0);
    }

    /** The single CA to use: the newest valid one with a supported API version. */
    public Optional<Service> selectCa(Instant now, List<Integer> supportedVersions) {
        return eligible(caUrls, now, supportedVersions).stream().findFirst();
    }

    /** The logs to write to, per the {@code rekorTlogConfig} selector. */
    public List<Service> selectTlogs(Instant now, List<Integer> supportedVersions) {
        return apply(rekorTlogConfig, eligible(rekorTlogUrls, now, supportedVersions));
    }

    public List<Service> selectTsas(Instant now, List<Integer> supportedVersions) {
        return apply(tsaConfig, eligible(tsaUrls, now, supportedVersions));
    }

    /**
     * Per operator, the service with the highest supported major version valid at {@code now}, newest start first
     * (sigstore.md §7.2; sigstore-go {@code SelectService}).
     */
    static List<Service> eligible(List<Service> services, Instant now, List<Integer> supportedVersions) {
        Map<String, Service> perOperator = new LinkedHashMap<>();
        List<Service> sorted = new ArrayList<>(services.stream()
                .filter(s -> s.validFor().contains(now) && supportedVersions.contains(s.majorApiVersion()))
                .toList());
        sorted.sort(Comparator.comparingInt(Service::majorApiVersion).reversed()
                .thenComparing(s -> s.validFor().start(), Comparator.reverseOrder()));
        for (Service s : sorted) {
            perOperator.putIfAbsent(s.operator().orElse(s.url()), s);
        }
        return List.copyOf(perOperator.values());
    }

    private static List<Service> apply(Selector selector, List<Service> eligible) {
        return switch (selector.kind()) {
            case ALL -> eligible;
            case ANY -> eligible.isEmpty() ? List.of() : List.of(eligible.get(0));
            case EXACT -> eligible.size() < selector.count() ? List.of() : eligible.subList(0, selector.count());
        };
    }
}
