package fi.laituri.markdown;

/**
 * A body that cannot be made into HTML within the bounds that keep rendering safe: over one of
 * {@link MarkdownLimits}, or (for content stored before the limits) too deep or slow for the renderer.
 * The message says why, for an editor.
 */
public class Unrenderable extends RuntimeException {

    public Unrenderable(String reason) {
        super(reason);
    }
}
