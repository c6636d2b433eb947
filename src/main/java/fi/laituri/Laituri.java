package fi.laituri;

import fi.laituri.cli.BuildJvm;
import fi.laituri.cli.LaituriCommand;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import picocli.CommandLine;

import java.util.OptionalInt;

@OpenAPIDefinition(
        info = @Info(title = "Laituri editorial API", version = "1",
                description = "Documents, language versions, revisions and authors of a multilingual site."))
// The editorial API's controllers require the token each; the public API, search and previews need none.
@SecurityScheme(name = "token", type = SecuritySchemeType.HTTP, scheme = "bearer")
public final class Laituri {

    /**
     * Lucene's notices through java.util.logging, which would print two lines to every command's output on Java 21
     * and later: which index input it uses (INFO), and that its Vector API code is not for this Java (a WARNING that
     * only a newer Lucene answers; Laituri does no vector search). Held here, as java.util.logging keeps its loggers
     * only while someone does; Lucene's other warnings still show.
     */
    private static final java.util.logging.Logger[] QUIETER = {
            quieter("org.apache.lucene.store.MemorySegmentIndexInputProvider", java.util.logging.Level.WARNING),
            quieter("org.apache.lucene.internal.vectorization", java.util.logging.Level.SEVERE)};

    private static java.util.logging.Logger quieter(String name, java.util.logging.Level level) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(level);
        return logger;
    }

    private Laituri() {
    }

    public static void main(String[] args) {
        BuildJvm.endWithParent();
        OptionalInt built = BuildJvm.buildInChild(args);
        System.exit(built.isPresent() ? built.getAsInt() : LaituriCommand.commandLine(CommandLine.defaultFactory()).execute(args));
    }
}
