package fi.laituri.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.serde.exceptions.path.CollectionItemReferencePath;
import io.micronaut.serde.exceptions.path.MapItemReferencePath;
import io.micronaut.serde.exceptions.path.PropertyReferencePath;
import io.micronaut.serde.exceptions.path.ReferencePath;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A value that could not be read as its parameter's or property's type: a 400 problem naming the field as the
 * client wrote it ({@code variants[0].date}, {@code size}) and what was expected in plain words. Decided by the
 * types involved, never by the wording of the framework's messages, which name Java types.
 */
@Produces
@Singleton
@Replaces(ConversionErrorHandler.class)
class ConversionProblemHandler implements ExceptionHandler<ConversionErrorException, HttpResponse<Map<String, Object>>> {

    @Override
    public HttpResponse<Map<String, Object>> handle(HttpRequest request, ConversionErrorException exception) {
        Throwable cause = exception.getConversionError().getCause();
        SerdeException body = find(cause, SerdeException.class);
        WrongJsonType wrongType = find(cause, WrongJsonType.class);
        String field;
        Argument<?> target;
        if (body != null && !body.getPath().isEmpty()) {
            field = field(body.getPath());
            target = target(body.getPath().get(0));
        } else if (body != null) {
            field = "body";
            target = exception.getArgument();
        } else {
            field = exception.getArgument().getName();
            target = exception.getArgument();
        }
        String message = wrongType != null ? wrongType.getMessage() : expected(target.getType());
        return Problems.response(request, io.micronaut.http.HttpStatus.BAD_REQUEST, "validation",
                "The request has invalid fields.", List.of(new Problem.FieldError(field, message)));
    }

    /**
     * The path as the client wrote it: properties joined by dots, list items by index. Serde lists the steps
     * innermost first.
     */
    private static String field(List<ReferencePath> path) {
        StringBuilder field = new StringBuilder();
        for (int i = path.size() - 1; i >= 0; i--) {
            ReferencePath step = path.get(i);
            if (step instanceof PropertyReferencePath property) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(property.property().getName());
            } else if (step instanceof CollectionItemReferencePath item) {
                field.append('[').append(item.index()).append(']');
            } else if (step instanceof MapItemReferencePath entry) {
                field.append('.').append(entry.key());
            }
        }
        return field.toString();
    }

    /** The type the innermost step of the path should have held. */
    private static Argument<?> target(ReferencePath step) {
        if (step instanceof CollectionItemReferencePath item) {
            Argument<?>[] parameters = item.collectionArgument().getTypeParameters();
            return parameters.length > 0 ? parameters[0] : Argument.OBJECT_ARGUMENT;
        }
        if (step instanceof MapItemReferencePath entry) {
            Argument<?>[] parameters = entry.mapArgument().getTypeParameters();
            return parameters.length > 1 ? parameters[1] : Argument.OBJECT_ARGUMENT;
        }
        return step.getArgument();
    }

    static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "expected a whole number from -2147483648 to 2147483647";
        }
        if (type == Long.class || type == long.class || type == Short.class || type == short.class) {
            return "expected a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class || type == BigDecimal.class) {
            return "expected a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "expected true or false";
        }
        if (type == String.class || type == CharSequence.class) {
            return "expected a JSON string";
        }
        if (type == LocalDate.class) {
            return "expected a date such as 2026-01-31";
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return "expected a date and time with its offset, such as 2026-01-31T09:00:00+02:00";
        }
        if (type.isEnum()) {
            return "expected one of the values this field allows";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "expected a JSON array";
        }
        return "expected a JSON object";
    }

    private static <T extends Throwable> T find(Throwable throwable, Class<T> type) {
        for (Throwable t = throwable; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
