package dev.hallmark.cli;

import dev.hallmark.cli.audit.AuditPolicy;
import dev.hallmark.cli.audit.AuditReport;
import dev.hallmark.cli.audit.Auditor;
import dev.hallmark.cli.audit.Lockfile;
import dev.hallmark.cli.audit.PackageResult;
import dev.hallmark.cli.audit.Registries;
import dev.hallmark.cli.audit.RegistryClient;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.trust.TrustedRoot;
import dev.hallmark.core.verify.Verifier;
import dev.hallmark.core.verify.VerifierOptions;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.locks.ReentrantLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hallmark audit}: {@code npm audit signatures} for a project's {@code package-lock.json}, with this
 * instance's (or any given) trust roots instead of only public-good Sigstore, and an identity policy on provenance.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Verify the registry signatures, attestations and provenance identity of every package in package-lock.json.")
final class AuditCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", description = "Project directory with package-lock.json and .npmrc (default: the current one).")
    Path dir = Path.of("");

    @Option(names = "--registry", paramLabel = "URL", description = "Registry for packages without a per-scope registry in .npmrc (default: .npmrc's registry=, else where the lockfile resolved them).")
    String registry;

    @Option(names = "--trusted-root", paramLabel = "FILE", description = "trusted_root.json to verify attestations against; repeat to trust several (default: the local instance's).")
    List<Path> trustedRoots = new ArrayList<>();

    @Option(names = "--data", paramLabel = "DIR", description = "Hallmark data directory whose trust root to use (default: $HALLMARK_DATA or ./hallmark-data).")
    Path dataDir;

    @Option(names = "--policy", paramLabel = "FILE", description = "YAML identity policy (packages: {<name>|@scope/*|*: {repository, workflow, ref, issuer, requireProvenance}}).")
    Path policyFile;

    @Option(names = "--require-provenance", description = "Fail every package without verified provenance.")
    boolean requireProvenance;

    @Option(names = "--concurrency", paramLabel = "N", description = "Requests in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency = 32;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Timeout of each request (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = 30;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        long start = System.nanoTime();
        if (concurrency < 1 || concurrency > 1024 || timeoutSeconds < 1) {
            throw CliException.usage("--concurrency must be 1..1024 and --timeout at least 1");
        }
        Lockfile lockfile = lockfile();
        Registries registries = registries();
        AuditPolicy policy = policyFile == null ? AuditPolicy.NONE : policy();
        // The trusted roots are read now (a missing or malformed file is a usage error before anything is fetched),
        // and turned into a verifier (certificates parsed, CA chains checked) while the first packuments are fetched.
        TrustedRoot root = trustedRoot();
        FutureTask<Verifier> verifier = new FutureTask<>(() -> verifier(root));
        Thread.ofVirtual().name("audit-trust-root").start(verifier);
        Auditor auditor = new Auditor(new RegistryClient(concurrency, Duration.ofSeconds(timeoutSeconds)), registries,
                () -> built(verifier), policy, requireProvenance);
        PrintWriter err = spec.commandLine().getErr();
        // A progress bar only for a person at a terminal; scripts and --json get clean output.
        boolean bar = !json && terminal();
        ReentrantLock barLock = new ReentrantLock();
        List<PackageResult> results = auditor.audit(lockfile, done -> {
            if (bar && barLock.tryLock()) {
                try {
                    progress(err, done, lockfile.packages().size());
                } finally {
                    barLock.unlock();
                }
            }
        });
        if (bar) {
            err.print("\r" + " ".repeat(60) + "\r");
            err.flush();
        }
        built(verifier); // a lockfile without attestations must still be refused a trusted root that does not load
        AuditReport report = new AuditReport(results, Duration.ofNanos(System.nanoTime() - start));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(report.toJson());
        } else {
            report.printText(out);
        }
        out.flush();
        return report.failed() ? Main.EXIT_FAILED : 0;
    }

    private static Verifier built(FutureTask<Verifier> verifier) {
        try {
            return verifier.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** A console that is a terminal: from JDK 22 {@code System.console()} is non-null for redirected streams too. */
    private static boolean terminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a non-null console is a terminal
        }
    }

    private static void progress(PrintWriter err, int done, int total) {
        int width = 40;
        int filled = total == 0 ? width : (int) ((long) done * width / total);
        err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total);
        err.flush();
    }

    private Lockfile lockfile() {
        Path file = dir.resolve("package-lock.json");
        try {
            return Lockfile.parse(InputFiles.read(file, Lockfile.MAX_BYTES, "lockfile"));
        } catch (FormatException e) {
            throw CliException.usage("invalid lockfile " + file + ": " + e.getMessage());
        }
    }

    private Registries registries() {
        try {
            Optional<URI> explicit = registry == null ? Optional.empty() : Optional.of(Registries.url(registry));
            Path npmrc = dir.resolve(".npmrc");
            return Files.isRegularFile(npmrc)
                    ? Registries.parse(InputFiles.read(npmrc, Registries.MAX_NPMRC_BYTES, ".npmrc"), explicit)
                    : Registries.none(explicit);
        } catch (FormatException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    private AuditPolicy policy() {
        try {
            return AuditPolicy.parse(InputFiles.read(policyFile, AuditPolicy.MAX_BYTES, "policy"));
        } catch (FormatException e) {
            throw CliException.usage("invalid policy " + policyFile + ": " + e.getMessage());
        }
    }

    /** One root trusting every given root's logs, CAs, CT logs and TSAs together. */
    private TrustedRoot trustedRoot() {
        List<TrustedRoot> roots = new ArrayList<>();
        if (trustedRoots.isEmpty()) {
            roots.add(TrustRoots.resolve(null, false, dataDir));
        }
        trustedRoots.forEach(p -> roots.add(TrustRoots.resolve(p, false, null)));
        return roots.size() == 1 ? roots.get(0) : new TrustedRoot(roots.get(0).mediaType(),
                roots.stream().flatMap(r -> r.tlogs().stream()).toList(),
                roots.stream().flatMap(r -> r.certificateAuthorities().stream()).toList(),
                roots.stream().flatMap(r -> r.ctlogs().stream()).toList(),
                roots.stream().flatMap(r -> r.timestampAuthorities().stream()).toList());
    }

    private static Verifier verifier(TrustedRoot union) {
        try {
            return Verifier.create(union, VerifierOptions.defaults(), InstantSource.system());
        } catch (FormatException e) {
            throw CliException.usage("invalid trusted root: " + e.getMessage());
        }
    }
}
