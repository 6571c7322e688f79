/**
 * Jazzer fuzz targets for every parser that reads untrusted input (issue 8; run by {@code ./bench/run-fuzz}). Each
 * target states the parser's contract: it returns a value or throws the module's typed failure
 * ({@code FormatException}, {@code TokenException}, {@code VerificationException}, {@code NoteException}); anything
 * else escaping it — a {@code NullPointerException}, {@code ClassCastException}, {@code IndexOutOfBoundsException},
 * {@code StackOverflowError}, {@code OutOfMemoryError}, or a hang past the per-input timeout — is a finding. Seeds are
 * under {@code bench/fuzz/<target>/} (see {@link dev.hallmark.bench.fuzz.SeedCorpus}); regression tests for findings
 * live in the parser's own module.
 */
package dev.hallmark.bench.fuzz;
