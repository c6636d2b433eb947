package fi.laituri.site;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.StringLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The site's {@code date} filter makes each formatter once; what it prints is what Pebble's own prints. */
class DateFilterTest {

    private static final List<String> TEMPLATES = List.of("{{ x | date(p) }}", "{{ x | date(p, timeZone=z) }}",
            "{{ x | date }}", "{{ x | date(p) }}{{ x | date(p) }}");

    private static String render(PebbleEngine pebble, String template, Map<String, Object> values, Locale locale) {
        StringWriter out = new StringWriter();
        try {
            pebble.getTemplate(template).evaluate(out, values, locale);
            return out.toString();
        } catch (PebbleException e) {
            return "failed: " + e.getMessage().replaceAll("\\(.*\\)", "");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void datesAndTimesComeOutAsPebblesOwnFilterPrintsThem(@TempDir Path dir) throws IOException {
        PebbleEngine pebbles = new PebbleEngine.Builder().loader(new StringLoader()).strictVariables(true).build();
        List<Object> values = List.of(
                OffsetDateTime.of(2026, 12, 4, 23, 5, 9, 0, ZoneOffset.ofHours(2)),
                ZonedDateTime.of(2026, 3, 29, 3, 30, 0, 0, ZoneId.of("Europe/Helsinki")),
                LocalDateTime.of(2025, 1, 1, 0, 0), LocalDate.of(2024, 2, 29), Instant.ofEpochSecond(1_700_000_000L),
                new Date(1_700_000_000_000L));
        List<String> patterns = List.of("d.M.yyyy", "d.M.yyyy 'klo' H.mm", "d MMMM yyyy", "EEEE d. MMMM yyyy HH:mm",
                "yyyy-MM-dd'T'HH:mm:ssXXX", "HH:mm", "");
        int compared = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < TEMPLATES.size(); i++) {
            Files.writeString(dir.resolve("t" + i + ".peb"), TEMPLATES.get(i));
        }
        PebbleEngine site = new SiteFactory(dir.toString()).pebble();
        assertTrue(site.getExtensionRegistry().getFilter("date") instanceof DateFilter, "the site's engine has its own");
        for (Object value : values) {
            for (String pattern : patterns) {
                for (Locale locale : List.of(Locale.forLanguageTag("fi"), Locale.forLanguageTag("sv"), Locale.ENGLISH)) {
                    for (int i = 0; i < TEMPLATES.size(); i++) {
                        Map<String, Object> vars = new HashMap<>(Map.of("x", value, "p", pattern, "z", "America/New_York"));
                        String expected = render(pebbles, TEMPLATES.get(i), vars, locale);
                        String actual = render(site, "t" + i + ".peb", vars, locale);
                        // Pebble names the template in its errors: the site's is t<i>.peb, Pebble's the text itself.
                        assertEquals(expected.replace(TEMPLATES.get(i), "t" + i + ".peb"), actual,
                                value + " with " + TEMPLATES.get(i) + ", p=" + pattern + ", " + locale);
                        compared++;
                        if (expected.startsWith("failed")) {
                            failures.add(expected);
                        }
                    }
                }
            }
        }
        assertEquals(values.size() * patterns.size() * 3 * TEMPLATES.size(), compared);
        // The comparison includes values that cannot take a pattern: a date without a time, an instant.
        assertTrue(!failures.isEmpty());
    }
}
