package fi.laituri.participation;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Feedback as CSV (RFC 4180). A cell a spreadsheet would read as a formula ({@code = + - @}, tab, carriage
 * return at its start) is prefixed with an apostrophe, so a reader's text can never run in a publisher's program.
 */
public final class FeedbackCsv {

    private static final String HEADER = "id,created_at,language,category,reply_by,overdue,handled_at,handled_by,note,"
            + "page,name,email,message";

    private FeedbackCsv() {
    }

    public static String of(List<Feedbacks.FeedbackView> rows) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (Feedbacks.FeedbackView f : rows) {
            csv.append(Stream.of(f.id(), f.createdAt(), f.language(), f.category(), f.replyBy(), f.overdue(),
                            f.handledAt(), f.handledBy(), f.note(), f.page(), f.name(), f.email(), f.message())
                    .map(FeedbackCsv::cell).collect(Collectors.joining(","))).append("\r\n");
        }
        return csv.toString();
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            s = "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
