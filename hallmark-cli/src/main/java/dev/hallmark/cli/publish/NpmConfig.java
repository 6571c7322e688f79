package dev.hallmark.cli.publish;

import dev.hallmark.cli.CliException;
import dev.hallmark.cli.ServiceCall;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The npm settings a publish needs, read where npm reads them so that a job set up for npm (e.g. by
 * {@code actions/setup-node}, which writes {@code //host/:_authToken=${NODE_AUTH_TOKEN}}) works unchanged: the
 * project's {@code .npmrc}, then the user's ({@code npm_config_userconfig} or {@code ~/.npmrc}), then
 * {@code npm_config_*} variables; {@code ${VAR}} in values is replaced from the environment. Registry: the explicit
 * {@code --registry}, else {@code @scope:registry} for a scoped package, else {@code registry}, else npm's default.
 * Token: the {@code :_authToken} of the longest {@code //host[:port]/path/} prefix of the registry URL.
 */
public record NpmConfig(Map<String, String> settings) {
    public static final URI NPM_DEFAULT_REGISTRY = URI.create("https://registry.npmjs.org/");
    static final long MAX_NPMRC_BYTES = 256 * 1024;
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    public NpmConfig {
        settings = Map.copyOf(settings);
    }

    /** Project settings override the user's; {@code npm_config_<key>} variables override both, as in npm. */
    public static NpmConfig load(Path project, Map<String, String> env) {
        Map<String, String> settings = new LinkedHashMap<>();
        String userconfig = env.get("npm_config_userconfig");
        Path user = userconfig != null && !userconfig.isBlank() ? Path.of(userconfig)
                : env.containsKey("HOME") ? Path.of(env.get("HOME"), ".npmrc") : null;
        if (user != null) {
            settings.putAll(parse(user, env));
        }
        settings.putAll(parse(project.resolve(".npmrc"), env));
        env.forEach((name, value) -> {
            if (name.toLowerCase(Locale.ROOT).startsWith("npm_config_") && !value.isEmpty()) {
                String key = name.substring("npm_config_".length());
                // npm maps npm_config_foo_bar to foo-bar for its own settings; registry and auth keys have no dashes
                if (key.equalsIgnoreCase("registry")) {
                    settings.put("registry", value);
                }
            }
        });
        return new NpmConfig(settings);
    }

    static Map<String, String> parse(Path file, Map<String, String> env) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        String text;
        try {
            if (Files.size(file) > MAX_NPMRC_BYTES) {
                throw CliException.usage(file + " is larger than " + MAX_NPMRC_BYTES + " bytes");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliException.usage("cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            out.put(line.substring(0, eq).strip(), expand(value, env));
        }
        return out;
    }

    private static String expand(String value, Map<String, String> env) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = env.get(m.group(1));
            if (replacement == null) {
                throw CliException.usage("Failed to replace env in config: ${" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }

    /** The registry a package publishes to, with one trailing slash. */
    public URI registryFor(String packageName, Optional<String> explicit) {
        Optional<String> scoped = packageName.startsWith("@") && packageName.indexOf('/') > 0
                ? Optional.ofNullable(settings.get(packageName.substring(0, packageName.indexOf('/')) + ":registry"))
                : Optional.empty();
        String url = explicit.or(() -> scoped).or(() -> Optional.ofNullable(settings.get("registry")))
                .orElse(NPM_DEFAULT_REGISTRY.toString());
        URI uri = ServiceCall.url(url.replaceAll("/+$", "") + "/", "registry");
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw CliException.usage("registry URL " + url + " must not have a query or fragment");
        }
        return uri;
    }

    /** The {@code _authToken} configured for the registry (npm's "nerf dart" lookup, longest path first). */
    public Optional<String> tokenFor(URI registry) {
        String path = registry.getRawPath() == null || registry.getRawPath().isEmpty() ? "/" : registry.getRawPath();
        String authority = registry.getRawAuthority();
        while (true) {
            String value = settings.get("//" + authority + path + ":_authToken");
            if (value != null && !value.isBlank()) {
                return Optional.of(value);
            }
            if (path.equals("/")) {
                return Optional.empty();
            }
            path = path.substring(0, path.lastIndexOf('/', path.length() - 2) + 1);
        }
    }

    @Override
    public String toString() {
        return "NpmConfig[" + settings.size() + " settings]"; // holds tokens: never printed
    }
}
