package fi.laituri.content;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The workflow state of a variant's working revision. */
public enum Status {
    DRAFT, IN_REVIEW, APPROVED, PUBLISHED, UNPUBLISHED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Status> parse(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
    }
}
