package fi.laituri.cli;

import io.micronaut.context.ApplicationContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An application context without a database, for the search node and the search benchmark: nothing that
 * writes runs (no scheduler, webhooks or site builds), the datasource and Flyway are told to stay off, and
 * the beans that would use the database are only made when a request needs them: with
 * {@code laituri.search.node} every path but search's is a 404 before any of them is reached.
 */
public final class SearchNode {

    private SearchNode() {
    }

    public static ApplicationContext start(Map<String, Object> extra) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("laituri.scheduler.enabled", false);
        properties.put("laituri.webhooks.enabled", false);
        properties.put("laituri.site.auto-build", false);
        properties.put("datasources.default.enabled", false);
        properties.put("flyway.enabled", false);
        properties.put("flyway.datasources.default.enabled", false);
        properties.put("laituri.search.node", true);
        properties.putAll(extra);
        return ApplicationContext.builder().deduceEnvironment(false).properties(properties).start();
    }
}
