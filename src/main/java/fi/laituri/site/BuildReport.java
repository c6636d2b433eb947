package fi.laituri.site;

import java.nio.file.Path;
import java.util.List;

/**
 * What a build did: how many files the site has, which of them it wrote anew (new or changed since the
 * live build), how many stayed as they were and which it deleted; the build directory now live (null when
 * a strict build found problems and left the live site as it was); the problems found, each naming
 * document, language and line; the time the pages took, and then the time the search index took.
 */
public record BuildReport(int files, List<String> written, int unchanged, List<String> deleted, Path live,
                          List<String> warnings, long millis, long searchMillis) {
}
