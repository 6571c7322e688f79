package dev.hallmark.cli;

import picocli.CommandLine.Command;

/** {@code hallmark trust …}: administration of the instance's trust material and TUF repository. */
@Command(name = "trust", mixinStandardHelpOptions = true, description = "Administer the TUF repository and its keys.",
        subcommands = {TrustRotateCommand.class})
final class TrustCommand implements Runnable {
    @Override
    public void run() {
        throw CliException.usage("trust needs a subcommand: rotate (see hallmark trust --help)");
    }
}
