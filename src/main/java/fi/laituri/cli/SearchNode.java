package fi.laituri.cli;

import io.micronaut.context.ApplicationContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An application context without a database, for the search node and the search benchmark: nothing that
 * writes runs (no scheduler, webhooks or site builds) and the datasource and Flyway are switched off, so
 * only the search endpoints and their index files are in play.
 */
final class SearchNode {

    private SearchNode() {
    }

    static ApplicationContext start(Map<String, Object> extra) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("laituri.scheduler.enabled", false);
        properties.put("laituri.webhooks.enabled", false);
        properties.put("laituri.site.auto-build", false);
        properties.put("datasources.default.enabled", false);
        properties.put("flyway.enabled", false);
        properties.put("flyway.datasources.default.enabled", false);
        properties.putAll(extra);
        return ApplicationContext.builder().deduceEnvironment(false).properties(properties).start();
    }
}
