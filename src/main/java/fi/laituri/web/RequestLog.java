package fi.laituri.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.annotation.PreMatching;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id and logs one line for it when it is answered. The id is the caller's
 * {@code X-Request-Id} when that is a short token (a proxy's id, so both logs agree), else a new one; it is sent
 * back in {@code X-Request-Id}, put in the MDC as {@code requestId} for every log line the request causes, on
 * whichever thread, and added to problem documents as {@code requestId}, so a user's error report leads to the log.
 * It stands before every other filter, the site's files and the security rules included, so that their answers
 * are logged and carry the id too.
 */
@ServerFilter("/**")
public class RequestLog implements Ordered {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final String STARTED = "laituri.started";
    private static final String LOGGED = "laituri.logged";
    private static final Pattern ACCEPTED_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Logger LOG = LoggerFactory.getLogger("fi.laituri.requests");

    /** The id of the request being answered, for code that has the request at hand. */
    public static String idOf(HttpRequest<?> request) {
        return request.getAttribute(MDC_KEY, String.class).orElse(null);
    }

    @PreMatching
    @RequestFilter
    void start(HttpRequest<?> request, MutablePropagatedContext context) {
        String given = request.getHeaders().get(HEADER);
        String id = given != null && ACCEPTED_ID.matcher(given).matches() ? given : newId();
        request.setAttribute(MDC_KEY, id);
        request.setAttribute(STARTED, System.nanoTime());
        context.add(new MdcPropagationContext(Map.of(MDC_KEY, id)));
    }

    /** For the answers of the filters before routing (the site's files). */
    @PreMatching
    @ResponseFilter
    void finishUnrouted(HttpRequest<?> request, MutableHttpResponse<?> response) {
        finish(request, response);
    }

    /** For the answers of routes, security rules and error handlers. */
    @ResponseFilter
    void finish(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String id = idOf(request);
        if (id == null || request.getAttribute(LOGGED).isPresent()) {
            return;
        }
        request.setAttribute(LOGGED, true);
        response.header(HEADER, id);
        withIdInProblem(response, id);
        if (LOG.isInfoEnabled()) {
            long micros = (System.nanoTime() - request.getAttribute(STARTED, Long.class).orElse(System.nanoTime())) / 1000;
            String previous = MDC.get(MDC_KEY);
            MDC.put(MDC_KEY, id);
            try {
                LOG.info("{} {} {} {} ms", request.getMethodName(), request.getPath(), response.code(),
                        String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0));
            } finally {
                if (previous == null) {
                    MDC.remove(MDC_KEY);
                } else {
                    MDC.put(MDC_KEY, previous);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void withIdInProblem(MutableHttpResponse<?> response, String id) {
        boolean problem = response.getContentType().map(MediaType::toString)
                .filter(type -> type.startsWith(Problem.MEDIA_TYPE)).isPresent();
        if (problem && response.getBody().orElse(null) instanceof Map<?, ?> body && !body.containsKey(MDC_KEY)) {
            Map<String, Object> withId = new LinkedHashMap<>((Map<String, Object>) body);
            withId.put(MDC_KEY, id);
            ((MutableHttpResponse<Object>) response).body(withId);
        }
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
