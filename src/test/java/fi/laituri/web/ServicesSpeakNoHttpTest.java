package fi.laituri.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Services throw {@link fi.laituri.DomainException}; only the web layer knows statuses and problem documents
 * ({@link DomainExceptionHandler} maps them once). These tests keep it so as features are added.
 */
class ServicesSpeakNoHttpTest {

    private static final Path SOURCES = Path.of("src/main/java/fi/laituri");

    @Test
    void noSourceOutsideTheWebPackageNamesProblemException() {
        List<String> naming = sources().stream()
                .filter(p -> !p.startsWith(SOURCES.resolve("web")))
                .filter(p -> read(p).contains("ProblemException"))
                .map(p -> SOURCES.relativize(p).toString()).toList();

        assertEquals(List.of(), naming);
    }

    @Test
    void noServiceOfContentWorkflowOrTranslationNamesHttp() {
        List<String> naming = sources().stream()
                .filter(p -> p.startsWith(SOURCES.resolve("content")) || p.startsWith(SOURCES.resolve("workflow"))
                        || p.startsWith(SOURCES.resolve("translation")))
                .filter(p -> !p.getFileName().toString().endsWith("Controller.java"))
                .filter(p -> read(p).contains("io.micronaut.http"))
                .map(p -> SOURCES.relativize(p).toString()).toList();

        assertEquals(List.of(), naming);
    }

    private static List<Path> sources() {
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            List<Path> all = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            assertFalse(all.isEmpty(), "no sources under " + SOURCES.toAbsolutePath());
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
