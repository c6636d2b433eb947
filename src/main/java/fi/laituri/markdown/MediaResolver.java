package fi.laituri.markdown;

/**
 * Port: what the {@code media:} references of a body become when content renders it outside the site build. The
 * site implements it (a file's markup and the words of its label are the site's), so content needs no media types.
 */
public interface MediaResolver {

    /** For the public API: a live body's files where the built site publishes them, as absolute URLs. */
    MediaLinks published(String body, String language);

    /** For the editorial API: each file at the editorial API's download route, which needs a token. */
    MediaLinks editorial(String body, String language);
}
