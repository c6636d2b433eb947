package fi.laituri.media;

import fi.laituri.DomainException;
import fi.laituri.markdown.Markdown;
import fi.laituri.markdown.MediaLinks;
import jakarta.inject.Singleton;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What publishing a language version needs of the files it names: each exists, and each informative image it shows
 * has alt text in that language. Otherwise the publication is a {@code 409} naming the images and the language.
 */
@Singleton
public class MediaChecks {

    private final MediaRepository files;
    private final Markdown markdown;

    MediaChecks(MediaRepository files, Markdown markdown) {
        this.files = files;
        this.markdown = markdown;
    }

    /** In the caller's transaction. */
    public void beforePublishing(String language, String body) {
        if (!body.contains(MediaLinks.SCHEME)) {
            return;
        }
        Set<String> images = new LinkedHashSet<>();
        Set<String> links = new LinkedHashSet<>();
        Node document = markdown.parseLocated(body);
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                if (image.getDestination().startsWith(MediaLinks.SCHEME)) {
                    images.add(image.getDestination().substring(MediaLinks.SCHEME.length()));
                }
                visitChildren(image);
            }

            @Override
            public void visit(Link link) {
                if (link.getDestination().startsWith(MediaLinks.SCHEME)) {
                    links.add(link.getDestination().substring(MediaLinks.SCHEME.length()));
                }
                visitChildren(link);
            }
        });
        List<String> problems = new ArrayList<>();
        for (String id : images) {
            files.findById(id).ifPresentOrElse(f -> {
                if (!f.mediaType().startsWith("image/")) {
                    problems.add("media:" + id + " is not an image");
                } else if (!f.decorative() && (f.texts().get(language) == null || !f.texts().get(language).hasAlt())) {
                    problems.add("the image media:" + id + " has no alt text in " + language);
                }
            }, () -> problems.add("media:" + id + " names no uploaded file"));
        }
        for (String id : links) {
            if (!files.existsById(id)) {
                problems.add("media:" + id + " names no uploaded file");
            }
        }
        if (!problems.isEmpty()) {
            throw DomainException.conflict("media-incomplete", "this version cannot be published: "
                    + String.join("; ", problems) + ". Add the text with PUT /api/v1/media/{id}/texts, or mark the image decorative");
        }
    }
}
