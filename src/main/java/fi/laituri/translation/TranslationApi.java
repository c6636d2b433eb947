package fi.laituri.translation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Request and response bodies of the translation API. */
public final class TranslationApi {

    private TranslationApi() {
    }

    /**
     * Where one language version of a document stands against its source. {@code translatedFrom} is the
     * source revision it was made from; {@code sourceRevision} the source's live revision (its working
     * one when nothing is live); {@code words} the size of the work: the source's words when missing,
     * the words changed since {@code translatedFrom} when outdated.
     */
    @Serdeable
    public record TranslationStatus(long documentId, String key, String kind, String language, String sourceLanguage,
                             boolean adaptation, String state, @Nullable String title, String sourceTitle,
                             @Nullable String status, @Nullable Integer revision, @Nullable Integer liveRevision,
                             @Nullable Integer translatedFrom, int sourceRevision, int words, Instant since,
                             @Nullable String sourceDiff) {
    }

    @Serdeable
    public record Worklist(List<TranslationStatus> items, int total) {
    }

    /** Per language: counts by state, and the published source items with no version in it at all. */
    @Serdeable
    public record LanguageOverview(String language, String sourceLanguage, boolean adaptation, Map<String, Integer> counts,
                            List<Untranslated> untranslated) {
    }

    @Serdeable
    public record Untranslated(long documentId, String key, String kind, String title, String slug) {
    }

    @Serdeable
    public record Overview(List<LanguageOverview> languages) {
    }

    /** Marks a version up to date with the source without changing it; {@code revision} defaults to the live one. */
    @Serdeable
    public record UpToDateRequest(@Nullable @Positive Integer revision, @Nullable @Size(max = 2000) String comment) {
    }

    /** What an XLIFF import did to one document. */
    @Serdeable
    public record Imported(long documentId, String language, int revision, long version, int translatedFrom, String state,
                    List<String> warnings) {
    }

    @Serdeable
    public record ImportResult(List<Imported> documents) {
    }
}
