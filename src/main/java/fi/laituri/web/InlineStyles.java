package fi.laituri.web;

import java.util.Set;

/**
 * The inline style blocks the service's own pages carry, as CSP hash sources ({@code 'sha256-…'}), so that the
 * Content-Security-Policy can allow exactly those and no other inline style. The site's theme provides them.
 */
public interface InlineStyles {

    Set<String> hashSources();
}
