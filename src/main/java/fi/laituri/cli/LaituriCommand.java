package fi.laituri.cli;

import fi.laituri.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "laituri", mixinStandardHelpOptions = true, version = "laituri 0.1",
        description = "Headless CMS for multilingual public-sector sites.",
        subcommands = {ServeCommand.class, DemoCommand.class, ImportCommand.class, ExportCommand.class, BuildCommand.class,
                UserCommand.class, SearchServerCommand.class, SearchCommand.class, PublishCommand.class, BenchCommand.class},
        footer = {"", "Database: LAITURI_DB_URL, LAITURI_DB_USER, LAITURI_DB_PASSWORD; without them an embedded",
                "MariaDB keeps its data under LAITURI_DATA_DIR (default ./data)."})
public class LaituriCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The command line as {@code main} runs it, its commands made by {@code factory}. */
    public static CommandLine commandLine(CommandLine.IFactory factory) {
        return new CommandLine(new LaituriCommand(), factory).setExecutionExceptionHandler(LaituriCommand::failed);
    }

    /**
     * What no command caught: one line, never a stack trace (the user can act on the message; a trace helps only
     * a developer, who has the tests). A start-up failure exits with 2, anything else with 1.
     */
    private static int failed(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
        commandLine.getErr().println("laituri: " + (e instanceof Application.StartupFailure ? e.getMessage() : Application.explain(e)));
        commandLine.getErr().flush();
        return e instanceof Application.StartupFailure ? 2 : 1;
    }
}
