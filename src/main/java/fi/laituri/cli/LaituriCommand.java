package fi.laituri.cli;

import fi.laituri.bench.BenchCommand;
import picocli.CommandLine.Command;

@Command(name = "laituri", mixinStandardHelpOptions = true, version = "laituri 0.1",
        description = "Headless CMS for multilingual public-sector sites.",
        subcommands = {ServeCommand.class, DemoCommand.class, ImportCommand.class, ExportCommand.class, BuildCommand.class,
                UserCommand.class, SearchServerCommand.class, BenchCommand.class},
        footer = {"", "Database: LAITURI_DB_URL, LAITURI_DB_USER, LAITURI_DB_PASSWORD; without them an embedded",
                "MariaDB keeps its data under LAITURI_DATA_DIR (default ./data)."})
public class LaituriCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
