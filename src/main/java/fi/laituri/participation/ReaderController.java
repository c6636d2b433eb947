package fi.laituri.participation;

import fi.laituri.DomainException;
import fi.laituri.language.Language;
import fi.laituri.security.Public;
import fi.laituri.site.Discussions;
import fi.laituri.web.ClientAddress;
import fi.laituri.web.Problem;
import fi.laituri.web.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Where readers' forms post: a comment on a post, feedback on the site; and the feedback form itself. Plain HTML
 * forms without script: the answer is a page in the reader's language, in the site's layout (JSON, for a client
 * whose {@code Accept} asks for it and not for HTML). In order, a submission must come from a page of the site
 * (its {@code Origin}, else its {@code Referer}; no cookies are used, so that is the whole of the CSRF defence),
 * be within the client's rate limit, leave the robots' trap empty, and have valid fields; every refusal is a 4xx
 * page saying why, and nothing is stored.
 */
@Hidden
@Controller("/participation")
@Public
@ExecuteOn(TaskExecutors.BLOCKING)
class ReaderController {

    private static final List<String> COMMENT_FIELDS = List.of("name", "comment", "email");
    private static final List<String> FEEDBACK_FIELDS = List.of("category", "message", "name", "email", "page");

    private final Comments comments;
    private final Feedbacks feedbacks;
    private final ReaderPages pages;
    private final ClientLimits limits;
    private final ClientAddress clients;
    private final Settings settings;
    private final JsonMapper json;
    private final Set<String> origins;

    ReaderController(Comments comments, Feedbacks feedbacks, ReaderPages pages, ClientLimits limits,
                     ClientAddress clients, Settings settings, JsonMapper json) {
        this.comments = comments;
        this.feedbacks = feedbacks;
        this.pages = pages;
        this.limits = limits;
        this.clients = clients;
        this.settings = settings;
        this.json = json;
        Set<String> allowed = new HashSet<>(settings.siteOrigins);
        // The service's own pages post too: the feedback form, a comment form shown again with its errors.
        allowed.add(Settings.origin(settings.serviceUrl));
        this.origins = Set.copyOf(allowed);
    }

    @Get(uri = "/feedback", produces = MediaType.ALL)
    MutableHttpResponse<?> feedbackForm(@QueryValue @Nullable String lang, @QueryValue @Nullable String page) {
        Language language = pages.language(lang);
        Map<String, String> input = Form.empty().input(FEEDBACK_FIELDS);
        input.put("page", sitePage(page));
        return feedbackPage(HttpStatus.OK, language, input, Map.of());
    }

    @Post(uri = "/comments", consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN},
            produces = MediaType.ALL)
    MutableHttpResponse<?> comment(HttpRequest<?> request, @Body @Nullable String body) {
        Form form = Form.parse(body, isJson(request), json);
        Language language = pages.language(form.raw("lang"));
        MutableHttpResponse<?> refused = guard(request, form, language);
        if (refused != null) {
            return refused;
        }
        long document = form.number("document");
        String name = form.line("name", true, settings.maxName);
        String text = form.text("comment", true, settings.maxComment, settings.maxLinks);
        String email = form.email("email");
        if (!form.errors().isEmpty()) {
            if (wantsJson(request)) {
                return cors(request, invalid(request, form));
            }
            Discussions.Discussion discussion = new Discussions.Discussion(true, settings.commentsAction(),
                    Math.max(document, 0), language.code(), List.of());
            Map<String, Object> model = result(language, "commentErrorsTitle", List.of(), null);
            model.put("discussion", discussion);
            model.put("input", form.input(COMMENT_FIELDS));
            model.put("errors", errors(form, language));
            return cors(request, pages.render(HttpStatus.BAD_REQUEST, "participation.peb", language, model));
        }
        Comments.Received received;
        try {
            received = comments.submit(document, language.code(), name, email.isEmpty() ? null : email, text);
        } catch (DomainException e) {
            boolean missing = e.kind() == DomainException.Kind.NOT_FOUND;
            return cors(request, refusal(request, missing ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT, language,
                    missing ? "refusedNotFound" : "refusedClosed", e.getMessage(), null));
        }
        if (wantsJson(request)) {
            return cors(request, HttpResponse.created(Map.of("id", received.id(), "state", received.state())));
        }
        return cors(request, pages.render(HttpStatus.OK, "participation.peb", language,
                result(language, "commentThanksTitle", List.of(pages.messages(language).get("commentThanksText")), null)));
    }

    @Post(uri = "/feedback", consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN},
            produces = MediaType.ALL)
    MutableHttpResponse<?> feedback(HttpRequest<?> request, @Body @Nullable String body) {
        Form form = Form.parse(body, isJson(request), json);
        Language language = pages.language(form.raw("lang"));
        MutableHttpResponse<?> refused = guard(request, form, language);
        if (refused != null) {
            return refused;
        }
        String category = form.choice("category", Feedback.CATEGORIES);
        String message = form.text("message", true, settings.maxFeedback, settings.maxLinks);
        String name = form.line("name", false, settings.maxName);
        String email = form.email("email");
        String page = sitePage(form.raw("page"));
        if (!form.errors().isEmpty()) {
            if (wantsJson(request)) {
                return cors(request, invalid(request, form));
            }
            Map<String, String> input = form.input(FEEDBACK_FIELDS);
            input.put("page", page);
            return cors(request, feedbackPage(HttpStatus.BAD_REQUEST, language, input, errors(form, language)));
        }
        Feedbacks.Received received = feedbacks.submit(language.code(), category, message, name.isEmpty() ? null : name,
                email.isEmpty() ? null : email, page.isEmpty() ? null : page);
        if (wantsJson(request)) {
            return cors(request, HttpResponse.created(received.replyBy() == null ? Map.of("id", received.id())
                    : Map.of("id", received.id(), "replyBy", received.replyBy().toString())));
        }
        Map<String, String> words = pages.messages(language);
        List<String> text = new ArrayList<>(List.of(words.get("feedbackThanksText")));
        if (received.replyBy() != null) {
            text.add(words.get("feedbackThanksAccessibility").replace("{date}",
                    received.replyBy().format(DateTimeFormatter.ofPattern(words.get("datePattern")))));
        }
        return cors(request, pages.render(HttpStatus.OK, "participation.peb", language,
                result(language, "feedbackThanksTitle", text, page.isEmpty() ? null : page)));
    }

    /** The checks before the fields: where the form came from, the client's rate, the robots' trap. Null: passed. */
    private MutableHttpResponse<?> guard(HttpRequest<?> request, Form form, Language language) {
        if (!fromTheSite(request)) {
            return refusal(request, HttpStatus.FORBIDDEN, language, "refusedOrigin",
                    "This form may be sent only from the site's own pages.", null);
        }
        OptionalLong wait = limits.take(clients.of(request));
        if (wait.isPresent()) {
            String seconds = Long.toString(wait.getAsLong());
            MutableHttpResponse<?> response = refusal(request, HttpStatus.TOO_MANY_REQUESTS, language, null,
                    "Too many messages from this address; try again in " + seconds + " s.", seconds);
            return response.header("Retry-After", seconds);
        }
        if (!form.raw("website").isEmpty()) {
            return refusal(request, HttpStatus.BAD_REQUEST, language, "refusedText",
                    "The message was not taken.", null);
        }
        return null;
    }

    /**
     * Whether a browser sent this from one of the site's pages (or the service's): by {@code Origin}, which
     * browsers send with every cross-site POST, else by {@code Referer}. A request with neither comes from no
     * browser page, so no other site can have made a reader's browser send it.
     */
    private boolean fromTheSite(HttpRequest<?> request) {
        String origin = request.getHeaders().get("Origin");
        if (origin != null) {
            return origins.contains(origin.strip().toLowerCase());
        }
        String referer = request.getHeaders().get("Referer");
        if (referer != null) {
            try {
                return origins.contains(Settings.origin(referer));
            } catch (RuntimeException e) {
                return false;
            }
        }
        return true;
    }

    /** Browsers on the site's origins may read the answer of a {@code fetch}. */
    private MutableHttpResponse<?> cors(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String origin = request.getHeaders().get("Origin");
        if (origin != null && origins.contains(origin.strip().toLowerCase())) {
            response.header("Access-Control-Allow-Origin", origin.strip());
            response.header("Vary", "Origin");
        }
        return response;
    }

    private MutableHttpResponse<?> refusal(HttpRequest<?> request, HttpStatus status, Language language,
                                           @Nullable String reason, String detail, @Nullable String seconds) {
        if (wantsJson(request)) {
            return cors(request, Problems.response(request, status,
                    status == HttpStatus.TOO_MANY_REQUESTS ? "rate-limited" : "refused", detail, List.of()));
        }
        Map<String, String> words = pages.messages(language);
        List<String> text = seconds != null ? List.of(words.get("tooManyText").replace("{seconds}", seconds))
                : reason.equals("refusedText") ? List.of(words.get("refusedText"))
                : List.of(words.get(reason), words.get("refusedText"));
        String title = seconds != null ? "tooManyTitle" : "refusedTitle";
        return cors(request, pages.render(status, "participation.peb", language, result(language, title, text, null)));
    }

    private Map<String, Object> result(Language language, String titleKey, List<String> text, @Nullable String back) {
        Map<String, String> words = pages.messages(language);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", words.get(titleKey));
        model.put("text", text);
        model.put("discussion", null);
        model.put("back", back == null ? pages.home(language) : back);
        model.put("backText", back == null ? words.get("toHome") : words.get("backToPost"));
        return model;
    }

    private MutableHttpResponse<?> feedbackPage(HttpStatus status, Language language, Map<String, String> input,
                                                Map<String, String> errors) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("action", settings.feedbackAction());
        model.put("input", input);
        model.put("errors", errors);
        model.put("categories", Feedback.CATEGORIES);
        return pages.render(status, "feedback.peb", language, model);
    }

    /** The errors in the reader's words, field by field in the form's order. */
    private Map<String, String> errors(Form form, Language language) {
        Map<String, String> words = pages.messages(language);
        Map<String, String> out = new LinkedHashMap<>();
        for (Form.Error e : form.errors()) {
            String max = switch (e.code()) {
                case "links" -> Integer.toString(settings.maxLinks);
                case "length" -> Integer.toString(e.field().equals("comment") ? settings.maxComment
                        : e.field().equals("message") ? settings.maxFeedback : e.field().equals("email") ? 254 : settings.maxName);
                default -> "";
            };
            out.put(e.field(), words.get("error_" + e.code()).replace("{max}", max));
        }
        return out;
    }

    private static MutableHttpResponse<?> invalid(HttpRequest<?> request, Form form) {
        return Problems.response(request, HttpStatus.BAD_REQUEST, "validation", "The request has invalid fields.",
                form.errors().stream().map(e -> new Problem.FieldError(e.field(), e.message())).toList());
    }

    /**
     * The page the reader came from, kept only when it is on the site (an absolute URL on a site origin, or a
     * path); anything else, a {@code javascript:} URL among them, is dropped.
     */
    private String sitePage(@Nullable String page) {
        String p = page == null ? "" : ReaderText.line(page);
        if (p.length() > 500) {
            return "";
        }
        if (p.startsWith("/") && !p.startsWith("//")) {
            return p;
        }
        if (p.startsWith("http://") || p.startsWith("https://")) {
            try {
                if (origins.contains(Settings.origin(p))) {
                    return p;
                }
            } catch (RuntimeException e) {
                return "";
            }
        }
        return "";
    }

    private static boolean isJson(HttpRequest<?> request) {
        return request.getContentType().map(t -> t.getSubtype().equals("json")).orElse(false);
    }

    /** JSON for a client that accepts JSON and does not ask for HTML (a browser's form post asks for HTML). */
    private static boolean wantsJson(HttpRequest<?> request) {
        boolean json = false;
        for (MediaType type : request.accept()) {
            if (type.getQualityAsNumber().doubleValue() <= 0) {
                continue;
            }
            if (type.getName().equals(MediaType.TEXT_HTML)) {
                return false;
            }
            json |= type.getName().equals(MediaType.APPLICATION_JSON);
        }
        return json;
    }
}
