package fi.laituri.content;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Request and response bodies of the editorial API. Entities never leave the service. */
public final class Api {

    private Api() {
    }

    /** A new document, optionally with its first language versions. */
    @Serdeable
    public record CreateDocument(@NotBlank String kind, @Nullable @Size(max = 100) String key,
                                 @Nullable @Size(max = 20) List<@NotNull @Valid VariantInput> variants) {
    }

    /** Changes to a document's own fields; absent fields stay as they are. */
    @Serdeable
    public record DocumentPatch(@Nullable String kind, @Nullable @Size(max = 100) String key) {
    }

    /**
     * A language version's content. {@code language} is needed only when creating; {@code slug}, when
     * absent, is made from the title on creation and kept as it was on replacement.
     */
    @Serdeable
    public record VariantInput(@Nullable @Size(max = 20) String language,
                               @NotBlank @Size(max = 300) String title,
                               @Nullable @Size(max = 120) String slug,
                               @Nullable @Size(max = 2000) String summary,
                               @Nullable String body,
                               @Nullable @Size(max = 30) List<@NotBlank @Size(max = 60) String> tags,
                               @Nullable @Size(max = 20) List<@NotBlank @Size(max = 100) String> authors,
                               @Nullable OffsetDateTime date) {
    }

    /** A partial change to a variant: every present field replaces the current one. */
    @Serdeable
    public record VariantPatch(@Nullable @Size(min = 1, max = 300) String title,
                               @Nullable @Size(max = 120) String slug,
                               @Nullable @Size(max = 2000) String summary,
                               @Nullable String body,
                               @Nullable @Size(max = 30) List<@NotBlank @Size(max = 60) String> tags,
                               @Nullable @Size(max = 20) List<@NotBlank @Size(max = 100) String> authors,
                               @Nullable OffsetDateTime date) {
    }

    @Serdeable
    public record AuthorInput(@Nullable @Size(max = 100) String id, @NotBlank @Size(max = 200) String name,
                              @Nullable @Size(max = 200) String title, @Nullable @Size(max = 300) String organisation) {
    }

    @Serdeable
    public record AuthorView(String id, String name, @Nullable String title, @Nullable String organisation, long version) {
    }

    @Serdeable
    public record VariantSummary(String language, String slug, String title, String status, int revision,
                                 @Nullable Integer liveRevision, @Nullable Instant publishAt, long version,
                                 Instant updatedAt) {
    }

    @Serdeable
    public record DocumentView(long id, String kind, String key, long version, Instant createdAt, Instant updatedAt,
                               List<VariantSummary> variants) {

        /** The document as a translator of these languages sees it: without other languages' versions. */
        public DocumentView inLanguages(java.util.Set<String> languages) {
            return new DocumentView(id, kind, key, version, createdAt, updatedAt,
                    variants.stream().filter(v -> languages.contains(v.language())).toList());
        }
    }

    @Serdeable
    public record VariantView(long documentId, String kind, String key, String language, String slug, String title,
                              String summary, String body, @Nullable String html, List<String> tags, List<AuthorView> authors,
                              @Nullable OffsetDateTime date, String status, int revision, @Nullable Integer liveRevision,
                              @Nullable String submittedBy, @Nullable Instant firstPublishedAt,
                              @Nullable Instant publishAt, @Nullable Instant unpublishAt,
                              @Nullable String scheduleFailure, long version, Instant createdAt, Instant updatedAt) {
    }

    @Serdeable
    public record RevisionSummary(int number, String title, String slug, String contentHash,
                                  @Nullable Integer restoredFrom, String createdBy, Instant createdAt) {
    }

    @Serdeable
    public record RevisionView(int number, String slug, String title, String summary, String body, List<String> tags,
                               List<String> authors, @Nullable OffsetDateTime date, String contentHash,
                               @Nullable Integer restoredFrom, String createdBy, Instant createdAt) {
    }

    @Serdeable
    public record Page<T>(List<T> items, int page, int size, long total) {

        <R> Page<R> map(java.util.function.Function<T, R> f) {
            return new Page<>(items.stream().map(f).toList(), page, size, total);
        }
    }
}
