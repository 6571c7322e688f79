/**
 * Values the publish pipeline checks untrusted input with: {@link dev.hallmark.registry.pkg.PackageName},
 * {@link dev.hallmark.registry.pkg.SemVer}, {@link dev.hallmark.registry.pkg.DistTags} and the tarball reader
 * {@link dev.hallmark.registry.pkg.TarballInspector}. Pure: no I/O beyond the bytes handed in, no clock.
 */
package dev.hallmark.registry.pkg;
