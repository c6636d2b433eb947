package fi.laituri.translation;

import fi.laituri.content.Document;
import fi.laituri.content.Variant;
import fi.laituri.content.ContentReads;
import fi.laituri.language.Languages;
import fi.laituri.DomainException;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A bilingual authority informs in both languages: publishing public news (articles) or blog posts in
 * one language while a required translation of them is not live gets a warning, or with
 * {@code laituri.translation.require-bilingual: block} is refused.
 */
@Singleton
public class BilingualCheck {

    enum Mode { OFF, WARN, BLOCK }

    private final ContentReads reads;
    private final Languages languages;
    private final Mode mode;
    private final List<String> required;
    private final List<String> kinds;

    BilingualCheck(ContentReads reads, Languages languages,
                   @Value("${laituri.translation.require-bilingual:warn}") String mode,
                   @Value("${laituri.translation.bilingual-languages:sv}") List<String> required,
                   @Value("${laituri.translation.bilingual-kinds:article,blog_post}") List<String> kinds) {
        this.reads = reads;
        this.languages = languages;
        this.mode = Mode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
        this.required = List.copyOf(required);
        this.kinds = List.copyOf(kinds);
        this.required.forEach(code -> {
            if (!languages.isConfigured(code)) {
                throw new IllegalStateException("laituri.translation.bilingual-languages names " + code + ", which is not configured");
            }
        });
    }

    /**
     * Before a release publishes {@code ready} together (documents in {@code docs}, in the same order): with
     * {@code block}, the reasons it may not, one for each version whose required translation is neither live
     * nor in the release. Nothing otherwise: a release is the way to publish both languages at once.
     */
    public List<String> blockedInRelease(List<Document> docs, List<Variant> ready) {
        List<String> reasons = new ArrayList<>();
        if (mode != Mode.BLOCK) {
            return reasons;
        }
        for (int i = 0; i < ready.size(); i++) {
            Document doc = docs.get(i);
            Variant v = ready.get(i);
            if (!kinds.contains(doc.kind())) {
                continue;
            }
            for (String code : required) {
                boolean madeFromThis = languages.find(code).flatMap(l -> l.source()).filter(v.language()::equals).isPresent();
                boolean inRelease = ready.stream().anyMatch(o -> o.documentId().equals(doc.id()) && o.language().equals(code));
                if (madeFromThis && !inRelease
                        && reads.variant(doc.id(), code).filter(Variant::isLive).isEmpty()) {
                    reasons.add("the " + code + " version of document " + doc.id() + " is neither published nor in the release:"
                            + " a bilingual authority informs in both languages");
                }
            }
        }
        return reasons;
    }

    /**
     * In the publishing transaction, before {@code v} goes live: the warnings to return, or a 409 when
     * the configuration blocks publishing alone.
     */
    public List<String> beforePublishing(Document doc, Variant v) {
        if (mode == Mode.OFF || !kinds.contains(doc.kind())) {
            return List.of();
        }
        List<String> warnings = new ArrayList<>();
        for (String code : required) {
            boolean madeFromThis = languages.find(code).flatMap(l -> l.source()).filter(v.language()::equals).isPresent();
            if (madeFromThis && reads.variant(doc.id(), code).filter(Variant::isLive).isEmpty()) {
                warnings.add("the " + code + " version of this " + doc.kind().replace('_', ' ') + " is not published: "
                        + "a bilingual authority informs in both languages; publish it too (a release publishes both at once)");
            }
        }
        if (mode == Mode.BLOCK && !warnings.isEmpty()) {
            throw DomainException.conflict("bilingual-required", String.join("; ", warnings),
                    Map.of("requireBilingual", "block"));
        }
        return warnings;
    }
}
