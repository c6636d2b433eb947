package fi.laituri.participation;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code laituri.participation.*} configuration. The static site may be served from another host than the
 * service: the forms post to {@code service-url}, and only pages of {@code site-origins} may post (or read the
 * answers with {@code fetch}); both default to where {@code laituri.site.base-url} says the site is.
 */
@Singleton
class Settings {

    final String serviceUrl;
    final Set<String> siteOrigins;
    final Set<String> commentKinds;
    final Duration commentsOpenFor;
    final int maxName;
    final int maxEmail;
    final int maxComment;
    final int maxFeedback;
    final int maxLinks;
    final int replyDays;

    Settings(@Value("${laituri.site.base-url}") String baseUrl,
             @Value("${laituri.participation.service-url:}") String serviceUrl,
             @Value("${laituri.participation.site-origins:}") List<String> siteOrigins,
             @Value("${laituri.participation.comments.kinds:blog_post}") List<String> commentKinds,
             @Value("${laituri.participation.comments.open-for:0s}") Duration commentsOpenFor,
             @Value("${laituri.participation.max-name:100}") int maxName,
             @Value("${laituri.participation.comments.max-length:3000}") int maxComment,
             @Value("${laituri.participation.feedback.max-length:5000}") int maxFeedback,
             @Value("${laituri.participation.max-links:2}") int maxLinks,
             @Value("${laituri.participation.feedback.reply-days:14}") int replyDays) {
        String service = serviceUrl.isBlank() ? baseUrl : serviceUrl.strip();
        this.serviceUrl = service.replaceAll("/+$", "");
        List<String> origins = siteOrigins.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        this.siteOrigins = (origins.isEmpty() ? List.of(baseUrl) : origins).stream().map(Settings::origin)
                .collect(Collectors.toUnmodifiableSet());
        this.commentKinds = commentKinds.stream().map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        this.commentsOpenFor = commentsOpenFor;
        this.maxName = maxName;
        this.maxEmail = 254;
        this.maxComment = maxComment;
        this.maxFeedback = maxFeedback;
        this.maxLinks = maxLinks;
        this.replyDays = replyDays;
    }

    String commentsAction() {
        return serviceUrl + "/participation/comments";
    }

    String feedbackAction() {
        return serviceUrl + "/participation/feedback";
    }

    /** {@code scheme://host[:port]} of a URL, as browsers send it in {@code Origin}. */
    static String origin(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri.getScheme().toLowerCase() + "://" + uri.getHost().toLowerCase() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("laituri.participation.site-origins: not an origin such as https://example.fi: " + url);
        }
    }
}
