package fi.laituri.desk;

import fi.laituri.DomainException;
import fi.laituri.content.Api;
import fi.laituri.content.Authors;
import fi.laituri.content.DocumentSearch;
import fi.laituri.content.Documents;
import fi.laituri.content.RevisionDiff;
import fi.laituri.language.Language;
import fi.laituri.language.Languages;
import fi.laituri.media.Media;
import fi.laituri.media.MediaApi;
import fi.laituri.security.Actor;
import fi.laituri.security.Allowed;
import fi.laituri.security.Permission;
import fi.laituri.security.Policy;
import fi.laituri.site.Page;
import fi.laituri.site.PageRenderer;
import fi.laituri.translation.TranslationApi;
import fi.laituri.translation.Translations;
import fi.laituri.markdown.Markdown;
import fi.laituri.markdown.Unrenderable;
import fi.laituri.web.InlineStyles;
import fi.laituri.web.SecurityHeaders;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Hidden;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Writing a language version: the form (Markdown), its preview in the site's own page template, and saving. A save
 * names the version it was made from; if someone else saved in between, the page shows both texts and nothing is
 * overwritten. A translation shows its source beside it, and what changed in the source since it was made. The form
 * also chooses the version's bylines, and finds documents to link to with their {@code doc:} reference.
 */
@Hidden
@Controller("/desk/documents/{id}/{lang}")
@ExecuteOn(TaskExecutors.BLOCKING)
class EditDesk {

    /** Documents the link picker lists at most: a search that finds more is made narrower. */
    private static final int LINK_RESULTS = 20;

    private final Documents content;
    private final Authors authors;
    private final Translations translations;
    private final Media media;
    private final Languages languages;
    private final Policy policy;
    private final PageRenderer pages;
    private final Markdown markdown;
    private final Desk desk;
    private final String previewPolicy;

    EditDesk(Documents content, Authors authors, Translations translations, Media media, Languages languages, Policy policy,
             PageRenderer pages, Markdown markdown, Desk desk, List<InlineStyles> styles) {
        this.content = content;
        this.authors = authors;
        this.translations = translations;
        this.media = media;
        this.languages = languages;
        this.policy = policy;
        this.pages = pages;
        this.markdown = markdown;
        this.desk = desk;
        TreeSet<String> hashes = new TreeSet<>();
        styles.forEach(s -> hashes.addAll(s.hashSources()));
        this.previewPolicy = SecurityHeaders.htmlPolicy(hashes);
    }

    @Get(uri = "/edit", produces = MediaType.TEXT_HTML)
    @Allowed(Permission.EDIT_VARIANT)
    MutableHttpResponse<String> form(@PathVariable long id, @PathVariable String lang, @Nullable @QueryValue String find,
                                     Authentication user) {
        Language language = language(lang);
        policy.require(Actor.of(user), Permission.EDIT_VARIANT, language.code());
        Map<String, Object> model = new HashMap<>();
        String words = find == null ? "" : find.strip();
        words = words.length() > 300 ? words.substring(0, 300) : words;
        model.put("find", words);
        model.put("links", words.isEmpty() ? null : links(words, language, user));
        return editPage(user, HttpStatus.OK, id, language, currentInput(id, language), bylines(id, language), "", null, model);
    }

    /**
     * Documents whose text has the words, each with the reference that links to it ({@code doc:} and the document's
     * key, which the site resolves to the page in the reader's language) and its title in the language being written
     * when it has one. Only what the user may read is listed.
     */
    private List<Map<String, String>> links(String words, Language language, Authentication user) {
        Optional<java.util.Set<String>> readable = policy.readableLanguages(Actor.of(user));
        Api.Page<Api.DocumentView> found = content.listDocuments(new DocumentSearch.Filter(null, null, null, null, words,
                1, LINK_RESULTS, readable.orElse(null)));
        return found.items().stream()
                .map(d -> readable.map(d::inLanguages).orElse(d))
                .filter(d -> !d.variants().isEmpty())
                .map(d -> {
                    Api.VariantSummary shown = d.variants().stream().filter(v -> v.language().equals(language.code()))
                            .findFirst().orElse(d.variants().get(0));
                    String title = shown.title().replace("[", "").replace("]", "");
                    String htmlLang = languages.find(shown.language()).map(Language::htmlLang).orElse(language.htmlLang());
                    return Map.of("title", shown.title(), "htmlLang", htmlLang, "ref", "[" + title + "](doc:" + d.key() + ")");
                }).toList();
    }

    /** The authors named on the version; for a translation not yet made, those of its source, as its text is. */
    private List<String> bylines(long id, Language language) {
        Optional<Api.VariantView> current = variant(id, language.code());
        Optional<Api.VariantView> named = current.isPresent() ? current : language.source().flatMap(s -> variant(id, s));
        return named.map(v -> v.authors().stream().map(Api.AuthorView::id).toList()).orElse(List.of());
    }

    /** The version's text as the form starts it: its own, or the source's for a translation not yet made. */
    private Map<String, String> currentInput(long id, Language language) {
        Optional<Api.VariantView> current = variant(id, language.code());
        Map<String, String> input = new HashMap<>();
        if (current.isPresent()) {
            Api.VariantView v = current.get();
            input.put("title", v.title());
            input.put("summary", v.summary() == null ? "" : v.summary());
            input.put("body", v.body());
            input.put("tags", String.join(", ", v.tags()));
            input.put("version", Long.toString(v.version()));
        } else {
            content.getDocument(id);
            Optional<Api.VariantView> source = language.source().flatMap(s -> variant(id, s));
            input.put("title", source.map(Api.VariantView::title).orElse(""));
            input.put("summary", source.map(Api.VariantView::summary).orElse(""));
            input.put("body", source.map(Api.VariantView::body).orElse(""));
            input.put("tags", source.map(v -> String.join(", ", v.tags())).orElse(""));
            input.put("version", "");
        }
        return input;
    }

    /** A translation that needs no change for its source's latest revision: marked up to date, with the reason. */
    @Post(uri = "/up-to-date", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.EDIT_VARIANT)
    MutableHttpResponse<String> upToDate(@PathVariable long id, @PathVariable String lang, @Body @Nullable String body,
                                         Authentication user) {
        DeskForm form = DeskForm.parse(body);
        desk.checkForm(user, form);
        Language language = language(lang);
        try {
            if (form.optional("comment") == null) {
                throw DomainException.invalid("comment", "say why the translation needs no change");
            }
            translations.markUpToDate(id, language.code(), null, desk.valid(new TranslationApi.UpToDateRequest(null,
                    form.optional("comment"))).comment(), Actor.of(user));
            return Desk.seeOther("/desk/documents/" + id + "?done=uptodate");
        } catch (DomainException e) {
            return editPage(user, Desk.status(e), id, language, currentInput(id, language), bylines(id, language),
                    e.getMessage(), null, Map.of());
        }
    }

    @Post(uri = "/edit", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.EDIT_VARIANT)
    MutableHttpResponse<String> save(@PathVariable long id, @PathVariable String lang, @Body @Nullable String body,
                                     Authentication user) {
        DeskForm form = DeskForm.parse(body);
        desk.checkForm(user, form);
        Language language = language(lang);
        Actor actor = Actor.of(user);
        String version = form.get("version").strip();
        // The byline boxes are in the form only when there are authors to choose; without them the bylines stay.
        List<String> chosen = form.get("bylines").isEmpty() ? null
                : form.all("authors").stream().map(String::strip).filter(a -> !a.isEmpty()).distinct().toList();
        try {
            if (version.isEmpty()) {
                content.createVariant(id, desk.valid(new Api.VariantInput(language.code(), form.get("title").strip(), null,
                        form.optional("summary"), form.get("body"), DocumentsDesk.tags(form.get("tags")), chosen, null)), actor);
            } else {
                content.patchVariant(id, language.code(), parseVersion(version), desk.valid(new Api.VariantPatch(
                        form.get("title").strip(), null, form.get("summary").strip(), form.get("body"),
                        DocumentsDesk.tags(form.get("tags")), chosen, null)), actor);
            }
            if (form.get("then").equals("submit")) {
                return Desk.seeOther("/desk/documents/" + id + "?saved=" + language.code() + "#submit-" + language.code());
            }
            return Desk.seeOther("/desk/documents/" + id + "?saved=" + language.code());
        } catch (DomainException e) {
            Map<String, String> input = form.values("title", "summary", "body", "tags", "version");
            Api.VariantView theirs = null;
            if (e.kind() == DomainException.Kind.STALE_VERSION) {
                // Someone else saved first: keep this text in the form, show theirs beside it, and let the next save
                // name their version, so that saving again is a decision and not an accident.
                theirs = content.getVariant(id, language.code());
                input.put("version", Long.toString(theirs.version()));
            }
            return editPage(user, Desk.status(e), id, language, input, chosen == null ? bylines(id, language) : chosen,
                    e.getMessage(), theirs, Map.of());
        }
    }

    /** The form's text in the site's page template, as readers would see it once published. */
    @Post(uri = "/preview", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.EDIT_VARIANT)
    MutableHttpResponse<String> preview(@PathVariable long id, @PathVariable String lang, @Body @Nullable String body,
                                        Authentication user) {
        DeskForm form = DeskForm.parse(body);
        desk.checkForm(user, form);
        Language language = language(lang);
        policy.require(Actor.of(user), Permission.EDIT_VARIANT, language.code());
        Api.DocumentView doc = content.getDocument(id);
        String html;
        try {
            html = markdown.toHtml(form.get("body"), key -> Optional.empty(), link -> { }, new DeskMediaLinks(media, language.code()));
        } catch (Unrenderable e) {
            throw DomainException.invalid("body", e.getMessage());
        }
        Instant now = Instant.now();
        Api.VariantView draft = new Api.VariantView(id, doc.kind(), doc.key(), language.code(), "", form.get("title").strip(),
                form.get("summary").strip(), form.get("body"), html, DocumentsDesk.tags(form.get("tags")), List.of(), null,
                "draft", 0, null, null, null, null, null, null, 0, now, now);
        String page = pages.render(Page.of(draft, language, Page.Frame.ofPreview(languages.all(), language), true));
        MutableHttpResponse<String> response = Desk.html(HttpStatus.OK, page);
        // The site's own policy: its page template carries the theme's inline style, allowed by its hash.
        response.getHeaders().set("Content-Security-Policy", previewPolicy);
        return response.header("X-Robots-Tag", "noindex, nofollow");
    }

    private MutableHttpResponse<String> editPage(Authentication user, HttpStatus status, long id, Language language,
                                                 Map<String, String> input, List<String> bylines, String error,
                                                 @Nullable Api.VariantView theirs, Map<String, Object> extra) {
        Actor actor = Actor.of(user);
        Api.DocumentView doc = content.getDocument(id);
        Map<String, Object> model = new HashMap<>(extra);
        model.putIfAbsent("find", "");
        model.putIfAbsent("links", null);
        model.put("authors", authors.listAuthors());
        model.put("bylines", bylines);
        model.put("doc", doc);
        model.put("language", language);
        model.put("input", input);
        model.put("error", error);
        model.put("theirs", theirs);
        // A translator reads the source of their language here as through the translation endpoints: their work needs it.
        Optional<Api.VariantView> source = language.source().flatMap(s -> variant(id, s));
        model.put("source", source.orElse(null));
        model.put("sourceLanguage", language.source().flatMap(languages::find).orElse(null));
        model.put("diff", source.isPresent() ? sourceDiff(id, language, actor) : null);
        model.put("status", language.source().isPresent() && source.isPresent()
                ? translations.status(id, language.code(), actor) : null);
        model.put("media", media.list().stream().map(m -> Map.of("fileName", m.fileName(), "ref", reference(m, language.code())))
                .toList());
        return desk.page(user, status, "edit", model);
    }

    /** What changed in the source since the translation was made, when it is outdated. */
    private RevisionDiff.Diff sourceDiff(long id, Language language, Actor actor) {
        TranslationApi.TranslationStatus status = translations.status(id, language.code(), actor);
        if (!status.state().equals("outdated") || status.translatedFrom() == null) {
            return null;
        }
        return translations.sourceDiff(id, language.code(), actor);
    }

    /** What to put in a body to show the file: an image with its alt text in this language, or a link. */
    static String reference(MediaApi.MediaView m, String language) {
        if (m.mediaType().startsWith("image/")) {
            fi.laituri.media.MediaText text = m.texts().get(language);
            String alt = text == null || text.alt() == null ? m.id() : text.alt();
            return "![" + alt.replace("]", "") + "](" + m.reference() + ")";
        }
        return "[" + m.fileName().replace("]", "") + "](" + m.reference() + ")";
    }

    private Optional<Api.VariantView> variant(long id, String language) {
        try {
            return Optional.of(content.getVariant(id, language));
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Language language(String code) {
        return languages.find(code).orElseThrow(() -> DomainException.notFound("this site has no language " + code));
    }

    private static long parseVersion(String version) {
        try {
            return Long.parseLong(version);
        } catch (NumberFormatException e) {
            throw DomainException.invalid("version", "the form's version is not a number");
        }
    }

    /** Media of the preview: images from the desk's own media route, with their alt text in the page's language. */
    record DeskMediaLinks(Media media, String language) implements fi.laituri.markdown.MediaLinks {

        @Override
        public Optional<String> image(String id) {
            return find(id).filter(m -> m.mediaType().startsWith("image/")).map(m -> {
                fi.laituri.media.MediaText text = m.texts().get(language);
                String alt = m.decorative() || text == null || text.alt() == null ? "" : text.alt();
                return "<img src=\"/desk/media/" + escape(m.id()) + "/file\" alt=\"" + escape(alt) + "\""
                        + (m.width() == null ? "" : " width=\"" + m.width() + "\" height=\"" + m.height() + "\"") + ">";
            });
        }

        @Override
        public Optional<Target> link(String id) {
            return find(id).map(m -> new Target("/desk/media/" + m.id() + "/file", " (" + m.mediaType() + ")"));
        }

        private Optional<MediaApi.MediaView> find(String id) {
            try {
                return Optional.of(media.get(id));
            } catch (DomainException e) {
                return Optional.empty();
            }
        }

        private static String escape(String text) {
            return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }
}
