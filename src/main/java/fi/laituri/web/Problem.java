package fi.laituri.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem document. {@code errors} names the fields at fault; {@code extra} carries
 * problem-specific members such as the current version after a failed precondition.
 */
@Schema(name = "Problem", description = "An RFC 9457 problem document; some problems add members of their own",
        additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
public record Problem(String type, String title, int status, @Nullable String detail, @Nullable String instance,
                      @Nullable @Schema(description = "the fields at fault; left out when none") List<FieldError> errors,
                      @Schema(hidden = true) Map<String, Object> extra) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @Serdeable
    public record FieldError(String field, String message) {
    }

    /** The JSON members, in the order RFC 9457 lists them, empty ones left out. */
    public Map<String, Object> toBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        if (instance != null) {
            body.put("instance", instance);
        }
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        body.putAll(extra);
        return body;
    }
}
