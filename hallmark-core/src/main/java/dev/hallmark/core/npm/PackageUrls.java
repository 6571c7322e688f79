package dev.hallmark.core.npm;

/** TEMPORARY until intoto.PackageUrl lands. */
final class PackageUrls {
    private PackageUrls() {
    }

    static String npm(String name, String version) {
        return "pkg:npm/" + (name.startsWith("@") ? "%40" + name.substring(1) : name) + "@" + version;
    }
}
