package fi.laituri.site;

import java.nio.file.Path;
import java.util.List;

/**
 * What a build did: how many files the site has, how many of them it wrote anew, how many stayed as
 * they were and how many it deleted; the build directory now live (null when a strict build found
 * problems and left the live site as it was); and the problems found, each naming document, language and line.
 */
public record BuildReport(int files, int written, int unchanged, int deleted, Path live, List<String> warnings,
                          long millis) {
}
