package fi.laituri.language;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The site's languages in their configured order; the first one is the default. */
@Singleton
public class Languages {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{1,19}");

    private final Map<String, Language> byCode = new LinkedHashMap<>();
    private final String defaultCode;

    Languages(List<LanguageProperties> configured, @Value("${laituri.default-language:}") String defaultLanguage) {
        configured.stream()
                .sorted(Comparator.comparingInt(LanguageProperties::getOrder).thenComparing(LanguageProperties::getCode))
                .forEach(p -> byCode.put(p.getCode(), toLanguage(p)));
        if (byCode.isEmpty()) {
            throw new IllegalStateException("no site languages are configured under laituri.languages");
        }
        byCode.values().forEach(l -> l.source().ifPresent(s -> {
            if (!byCode.containsKey(s)) {
                throw new IllegalStateException("language " + l.code() + " is made from " + s + ", which is not configured");
            }
        }));
        this.defaultCode = defaultLanguage.isBlank() ? byCode.keySet().iterator().next() : defaultLanguage;
        if (!byCode.containsKey(defaultCode)) {
            throw new IllegalStateException("the default language " + defaultCode + " is not configured");
        }
    }

    private static Language toLanguage(LanguageProperties p) {
        if (!CODE.matcher(p.getCode()).matches()) {
            throw new IllegalStateException("language code '" + p.getCode() + "' must match " + CODE.pattern());
        }
        String htmlLang = p.getHtmlLang() == null ? p.getCode() : p.getHtmlLang();
        return new Language(p.getCode(), p.getName() == null ? p.getCode() : p.getName(), htmlLang,
                p.getPrefix() == null ? p.getCode() : p.getPrefix(), p.getAnalyzer(),
                Optional.ofNullable(p.getSource()).filter(s -> !s.isBlank()), p.isAdaptation());
    }

    public List<Language> all() {
        return List.copyOf(byCode.values());
    }

    public Optional<Language> find(String code) {
        return Optional.ofNullable(code).map(byCode::get);
    }

    public boolean isConfigured(String code) {
        return code != null && byCode.containsKey(code);
    }

    public Language defaultLanguage() {
        return byCode.get(defaultCode);
    }
}
