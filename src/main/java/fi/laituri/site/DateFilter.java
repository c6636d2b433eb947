package fi.laituri.site;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import io.pebbletemplates.pebble.extension.escaper.SafeString;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalQueries;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pebble's {@code date} filter, with the formatter of each pattern and locale made once. Pebble's own parses the
 * pattern ({@link DateTimeFormatter#ofPattern}) at every use, and listings show a date for each of their entries:
 * about 1 % of a full build's CPU. Formatters are immutable; the output is Pebble's, which it still gives for
 * anything but a date and time with a pattern.
 */
final class DateFilter extends io.pebbletemplates.pebble.extension.core.DateFilter {

    private record Key(String pattern, Locale locale) {
    }

    /** The patterns are the templates' and the messages', a handful; a theme making them up as it goes is not kept. */
    private static final int MAX_PATTERNS = 64;
    private final Map<Key, DateTimeFormatter> formatters = new ConcurrentHashMap<>();

    @Override
    public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                        int lineNumber) throws PebbleException {
        if (!(input instanceof TemporalAccessor) || !(args.get("format") instanceof String)) {
            return super.apply(input, args, self, context, lineNumber);
        }
        TemporalAccessor value = (TemporalAccessor) input;
        Key key = new Key((String) args.get("format"), context.getLocale());
        DateTimeFormatter formatter = formatters.get(key);
        if (formatter == null) {
            formatter = DateTimeFormatter.ofPattern(key.pattern(), key.locale());
            if (formatters.size() < MAX_PATTERNS) {
                formatters.put(key, formatter);
            }
        }
        // As Pebble: the value's own zone, else the filter's timeZone argument, else the system's.
        ZoneId zone = value.query(TemporalQueries.zone());
        if (zone == null && args.get("timeZone") != null) {
            zone = ZoneId.of((String) args.get("timeZone"));
        }
        if (zone == null) {
            zone = ZoneId.systemDefault();
        }
        try {
            return new SafeString(formatter.withZone(zone).format(value));
        } catch (DateTimeException e) {
            throw new PebbleException(e, String.format("Could not format instance '%s' of type %s into a date.",
                    input, input.getClass()), lineNumber, self.getName());
        }
    }
}
