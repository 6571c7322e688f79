package dev.hallmark.registry.publish;

import static dev.hallmark.registry.RegistryException.Reason.MANIFEST_MISMATCH;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.registry.RegistryException;
import dev.hallmark.registry.pkg.SemVer;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Refuses manifest confusion: a version document (what installers read from the packument) that says something else
 * than the package.json inside the tarball (what actually runs). npm itself trusts the document, so a publisher
 * speaking the registry API directly could hide dependencies or install scripts; we compare what matters for
 * installation:
 * <ul>
 *   <li>name, exactly, and version as npm sends it ({@code semver.clean} of package.json's);
 *   <li>the dependency set: {@code dependencies} merged with {@code optionalDependencies} (npm's publish-time
 *       normalisation moves optional ones out of {@code dependencies}, so only the merged view is stable), and
 *       {@code peerDependencies};
 *   <li>install-time scripts ({@code preinstall}, {@code install}, {@code postinstall}) present in the tarball must
 *       appear unchanged in the document. The document may carry one the tarball lacks: npm adds
 *       {@code install: node-gyp rebuild} for packages with a {@code binding.gyp}.
 * </ul>
 */
public final class ManifestCheck {
    private static final String[] INSTALL_SCRIPTS = {"preinstall", "install", "postinstall"};

    private ManifestCheck() {
    }

    public static void check(ObjectNode document, ObjectNode packageJson) throws RegistryException {
        same("name", document.path("name").asText(null), packageJson.path("name").asText(null));
        // npm publishes semver.clean(version): "v1.0.0" or "1.0.0+build" in package.json is sent as "1.0.0"
        same("version", document.path("version").asText(null), cleanVersion(packageJson.path("version").asText("")));
        same("dependencies", dependencySet(document), dependencySet(packageJson));
        same("peerDependencies", specs(document.get("peerDependencies")), specs(packageJson.get("peerDependencies")));
        JsonNode tarballScripts = packageJson.get("scripts");
        JsonNode documentScripts = document.get("scripts");
        for (String script : INSTALL_SCRIPTS) {
            JsonNode inTarball = tarballScripts == null ? null : tarballScripts.get(script);
            if (inTarball != null && !inTarball.isNull()) {
                JsonNode inDocument = documentScripts == null ? null : documentScripts.get(script);
                if (!inTarball.equals(inDocument)) {
                    throw mismatch("scripts." + script);
                }
            }
        }
    }

    private static String cleanVersion(String version) {
        try {
            return SemVer.clean(version).toString();
        } catch (FormatException e) {
            return version; // compared as is, so it differs from the document's valid version
        }
    }

    private static Map<String, String> dependencySet(ObjectNode manifest) {
        Map<String, String> merged = specs(manifest.get("dependencies"));
        merged.putAll(specs(manifest.get("optionalDependencies")));
        return merged;
    }

    private static Map<String, String> specs(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        if (node != null && node.isObject()) {
            node.properties().forEach(e -> out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText()
                    : e.getValue().toString()));
        }
        return out;
    }

    private static void same(String field, Object document, Object tarball) throws RegistryException {
        if (!Objects.equals(document, tarball)) {
            throw mismatch(field);
        }
    }

    private static RegistryException mismatch(String field) {
        return new RegistryException(MANIFEST_MISMATCH, "the published manifest's " + field
                + " differs from package.json in the tarball");
    }
}
