package fi.laituri.search;

import fi.laituri.DatabaseTest;
import fi.laituri.content.Api;
import fi.laituri.content.ContentFolder;
import fi.laituri.content.Documents;
import fi.laituri.security.Actor;
import fi.laituri.security.Role;
import fi.laituri.site.SiteBuilder;
import fi.laituri.workflow.Transitions;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A full build keeps the live search index when the pages it would index are those the index was made of: a rebuild
 * with nothing changed does not parse every body once more to write the same index.
 */
@MicronautTest(transactional = false)
class KeptIndexTest extends DatabaseTest {

    private static final Actor EDITOR = new Actor("eeva", Role.EDITOR, Set.of());
    private static final Actor PUBLISHER = new Actor("pekka", Role.PUBLISHER, Set.of());

    @Inject
    SiteBuilder builder;

    @Inject
    ContentFolder folder;

    @Inject
    Documents content;

    @Inject
    Transitions transitions;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.scheduler.enabled", "false");
    }

    @BeforeAll
    void importSeedContent() {
        assertEquals(List.of(), folder.importFrom(Path.of("content")).problems());
    }

    @Test
    void aRebuildWithNothingChangedKeepsTheLiveIndex(@TempDir Path site) throws IOException {
        builder.build(site);
        Path first = liveIndex(site);

        builder.build(site);

        assertEquals(first, liveIndex(site));
    }

    @Test
    void aRebuildAfterAnIncrementalUpdateWritesAFreshIndex(@TempDir Path site) throws IOException {
        builder.build(site);
        Path first = liveIndex(site);
        Api.DocumentView doc = content.createDocument(new Api.CreateDocument("article", null,
                List.of(new Api.VariantInput("fi", "Uusi sivu " + System.nanoTime(), null, null, "Teksti.", null, null, null))),
                EDITOR);
        transitions.apply(doc.id(), "fi", "submit", null, null, EDITOR);
        transitions.apply(doc.id(), "fi", "approve", null, null, PUBLISHER);
        transitions.apply(doc.id(), "fi", "publish", null, null, PUBLISHER);
        builder.update(site, Set.of(doc.id()));
        assertEquals(first, liveIndex(site), "the update went into the live index");

        builder.build(site);

        assertNotEquals(first, liveIndex(site));
    }

    @Test
    void aRebuildAfterContentChangedUnseenWritesAFreshIndex(@TempDir Path site) throws IOException {
        builder.build(site);
        Path first = liveIndex(site);
        Api.DocumentView doc = content.createDocument(new Api.CreateDocument("article", null,
                List.of(new Api.VariantInput("fi", "Toinen sivu " + System.nanoTime(), null, null, "Teksti.", null, null, null))),
                EDITOR);
        transitions.apply(doc.id(), "fi", "submit", null, null, EDITOR);
        transitions.apply(doc.id(), "fi", "approve", null, null, PUBLISHER);
        transitions.apply(doc.id(), "fi", "publish", null, null, PUBLISHER);

        builder.build(site);

        assertNotEquals(first, liveIndex(site));
    }

    private static Path liveIndex(Path site) throws IOException {
        return site.resolve("search/current").toRealPath();
    }
}
