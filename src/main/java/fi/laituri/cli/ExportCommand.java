package fi.laituri.cli;

import fi.laituri.content.ContentFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write the database as a content folder (the format import reads).",
                "Files of documents that no longer exist are removed, so the folder mirrors the database."})
class ExportCommand extends AppCommand {

    @Parameters(index = "0", description = "folder to write, e.g. content")
    Path dir;

    @Override
    public int run(Application app) {
        try (app) {
            ContentFolder.ExportReport report = app.bean(ContentFolder.class).exportTo(dir);
            System.out.printf("Exported to %s: %d written, %d unchanged, %d removed%n",
                    dir, report.written(), report.unchanged(), report.deleted());
            return 0;
        }
    }
}
