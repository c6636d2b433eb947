package fi.laituri.content;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The filtered document listing. Hand-written SQL because the filters are optional and some of them
 * (a tag inside a JSON array) are beyond derived queries. Newest change first, id as tie-breaker.
 */
@Singleton
class DocumentSearch {

    private final JdbcOperations jdbc;

    DocumentSearch(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Optional filters (null = any) and the 1-based page to return. */
    record Filter(String kind, String language, String status, String tag, String text, int page, int size) {
    }

    record Result(List<Document> documents, long total) {
    }

    Result find(Filter f) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (f.kind() != null) {
            where.append(" AND d.kind = ?");
            params.add(f.kind());
        }
        List<String> variantConditions = new ArrayList<>();
        if (f.language() != null) {
            variantConditions.add("v.language = ?");
            params.add(f.language());
        }
        if (f.status() != null) {
            variantConditions.add("v.status = ?");
            params.add(f.status());
        }
        if (f.tag() != null) {
            variantConditions.add("JSON_CONTAINS(v.tags, JSON_QUOTE(?))");
            params.add(f.tag());
        }
        if (f.text() != null) {
            variantConditions.add("v.title LIKE ? ESCAPE '!'");
            params.add("%" + f.text().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        if (!variantConditions.isEmpty()) {
            where.append(" AND EXISTS (SELECT 1 FROM variant v WHERE v.document_id = d.id AND ")
                    .append(String.join(" AND ", variantConditions)).append(")");
        }
        long total = jdbc.prepareStatement("SELECT COUNT(*) FROM document d" + where, ps -> {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        String select = "SELECT d.id, d.kind, d.translation_key, d.version, d.created_at, d.updated_at FROM document d"
                + where + " ORDER BY d.updated_at DESC, d.id DESC LIMIT ? OFFSET ?";
        List<Document> page = jdbc.prepareStatement(select, ps -> {
            bind(ps, params);
            ps.setInt(params.size() + 1, f.size());
            ps.setLong(params.size() + 2, (long) (f.page() - 1) * f.size());
            try (ResultSet rs = ps.executeQuery()) {
                return jdbc.entityStream(rs, Document.class).toList();
            }
        });
        return new Result(page, total);
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }
}
