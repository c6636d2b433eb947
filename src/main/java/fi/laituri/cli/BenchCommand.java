package fi.laituri.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks on a synthetic corpus, in a database of their own (embedded: LAITURI_DATA_DIR,",
                "default ./data-bench; a server: LAITURI_DB_URL naming an empty database)."},
        subcommands = {BenchSiteCommand.class})
class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
