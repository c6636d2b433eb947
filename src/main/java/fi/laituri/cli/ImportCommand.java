package fi.laituri.cli;

import fi.laituri.content.ContentFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Load a content folder into the database.",
                "Unchanged files change nothing; an edited file adds one revision; bad files are reported",
                "with file and line and do not stop the others (exit code 1 when any was bad)."})
class ImportCommand extends AppCommand {

    @Parameters(index = "0", arity = "0..1", defaultValue = "content", description = "content folder (default: ${DEFAULT-VALUE})")
    Path dir;

    @Override
    public int run(Application app) {
        try (app) {
            if (!Files.isDirectory(dir)) {
                System.err.println("laituri: no content folder at " + dir.toAbsolutePath());
                return 2;
            }
            long start = System.nanoTime();
            ContentFolder.ImportReport report = app.bean(ContentFolder.class).importFrom(dir);
            print(report, (System.nanoTime() - start) / 1_000_000);
            return report.problems().isEmpty() ? 0 : 1;
        }
    }

    static void print(ContentFolder.ImportReport report, long millis) {
        report.problems().forEach(p -> System.err.println(p));
        System.out.printf("Imported: %d created, %d updated, %d unchanged, %d with problems, in %d ms%n",
                report.created(), report.updated(), report.unchanged(), report.problems().size(), millis);
    }
}
