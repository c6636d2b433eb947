package fi.laituri.site;

import io.pebbletemplates.pebble.loader.DelegatingLoader;
import io.pebbletemplates.pebble.loader.DelegatingLoaderCacheKey;
import io.pebbletemplates.pebble.loader.Loader;

import java.io.Reader;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The theme's loaders, with what they work out from a template's name remembered. Pebble asks for a template by name
 * at every {@code include} of every page: it asks each loader for the name's cache key and resolves a relative name
 * by cleaning up the path with regular expressions, which was a tenth of rendering a page. The answers depend on the
 * name alone (templates themselves are cached by the engine for good), so each is worked out once.
 */
final class RememberingLoader implements Loader<DelegatingLoaderCacheKey> {

    /** More names than any theme has: a template that makes names up as it goes is not remembered past this. */
    private static final int MAX_NAMES = 10_000;

    private final DelegatingLoader loader;
    private final Map<String, DelegatingLoaderCacheKey> keys = new ConcurrentHashMap<>();
    private final Map<Relative, Optional<String>> resolved = new ConcurrentHashMap<>();

    private record Relative(String path, String anchor) {
    }

    RememberingLoader(DelegatingLoader loader) {
        this.loader = loader;
    }

    @Override
    public DelegatingLoaderCacheKey createCacheKey(String templateName) {
        DelegatingLoaderCacheKey key = keys.get(templateName);
        if (key == null) {
            key = loader.createCacheKey(templateName);
            if (keys.size() < MAX_NAMES) {
                keys.put(templateName, key);
            }
        }
        return key;
    }

    @Override
    public String resolveRelativePath(String relativePath, String anchorPath) {
        Relative asked = new Relative(relativePath, anchorPath);
        Optional<String> path = resolved.get(asked);
        if (path == null) {
            path = Optional.ofNullable(loader.resolveRelativePath(relativePath, anchorPath));
            if (resolved.size() < MAX_NAMES) {
                resolved.put(asked, path);
            }
        }
        return path.orElse(null);
    }

    @Override
    public Reader getReader(DelegatingLoaderCacheKey cacheKey) {
        return loader.getReader(cacheKey);
    }

    @Override
    public boolean resourceExists(String templateName) {
        return loader.resourceExists(templateName);
    }

    @Override
    public void setCharset(String charset) {
        loader.setCharset(charset);
    }

    @Override
    public void setPrefix(String prefix) {
        loader.setPrefix(prefix);
        forget();
    }

    @Override
    public void setSuffix(String suffix) {
        loader.setSuffix(suffix);
        forget();
    }

    private void forget() {
        keys.clear();
        resolved.clear();
    }
}
