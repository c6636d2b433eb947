package fi.laituri.participation;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Lends the site's templates where the participation forms post, as the global {@code participation}
 * ({@code commentsUrl}, {@code feedbackUrl}), so the footer of every page can link the feedback form.
 */
@Singleton
class ParticipationTemplates extends AbstractExtension {

    private final Map<String, Object> globals;

    ParticipationTemplates(Settings settings) {
        this.globals = Map.of("participation", Map.of("commentsUrl", settings.commentsAction(),
                "feedbackUrl", settings.feedbackAction()));
    }

    @Override
    public Map<String, Object> getGlobalVariables() {
        return globals;
    }
}
