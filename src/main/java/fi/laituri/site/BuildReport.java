package fi.laituri.site;

import java.nio.file.Path;
import java.util.List;

/**
 * What a build did: the files it wrote, the build directory now live, and the problems found on the
 * way (each naming the document, language and line), which fail the build in strict mode.
 */
public record BuildReport(int files, Path live, List<String> warnings, long millis) {
}
