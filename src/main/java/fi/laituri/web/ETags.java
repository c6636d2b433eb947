package fi.laituri.web;

/**
 * Strong ETags derived from an entity's version number, and the If-Match value that makes every
 * write say which version it saw.
 */
public final class ETags {

    /** If-Match: * — the client accepts whatever version is current. */
    public static final long ANY = Long.MIN_VALUE;
    /** An If-Match value that names none of our versions; it can never match. */
    public static final long NONE = -1;

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The version named by an If-Match header, or null when the header is absent. */
    public static Long parse(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.equals("*")) {
            return ANY;
        }
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            long v = Long.parseLong(value);
            return v < 0 ? NONE : v;
        } catch (NumberFormatException e) {
            return NONE;
        }
    }

    /**
     * Checks the client's version against the current one.
     *
     * @throws fi.laituri.DomainException version required (428) when the client sent none, stale version (412) when
     *         it is not the current one; a domain failure, so that the desk's pages can show it as well as the API
     */
    public static void check(Long expected, long current) {
        if (expected == null) {
            throw fi.laituri.DomainException.preconditionRequired(current);
        }
        if (expected != ANY && expected != current) {
            throw fi.laituri.DomainException.preconditionFailed(current);
        }
    }
}
