package fi.laituri.web;

/**
 * A JSON value of the wrong kind for its field, in plain words ("expected a JSON string, not a number"). Not a
 * serde exception on purpose: serde wraps any other exception in one that carries the path to the property,
 * which {@link ConversionProblemHandler} turns into the field's name.
 */
final class WrongJsonType extends IllegalArgumentException {

    WrongJsonType(String message) {
        super(message);
    }
}
