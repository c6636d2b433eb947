package fi.laituri.content;

import java.util.Arrays;
import java.util.Optional;

/** What a document is; the content folder keeps each kind in its own section directory. */
public enum Kind {
    ARTICLE("article", "articles"), BLOG_POST("blog_post", "blog"), PAGE("page", "pages");

    private final String code;
    private final String section;

    Kind(String code, String section) {
        this.code = code;
        this.section = section;
    }

    public String code() {
        return code;
    }

    public String section() {
        return section;
    }

    public static Optional<Kind> parse(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }

    public static Optional<Kind> ofSection(String section) {
        return Arrays.stream(values()).filter(k -> k.section.equals(section)).findFirst();
    }
}
