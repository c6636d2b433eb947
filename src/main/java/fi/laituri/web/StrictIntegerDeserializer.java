package fi.laituri.web;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Whole numbers are read from JSON integers only. Left to itself serde turns {@code 1.5} into 1 and
 * {@code true} into 1, so a client that sent the wrong value would have it taken as another; this way it gets
 * a 400 naming the field.
 */
@Singleton
class StrictIntegerDeserializer implements Deserializer<Integer> {

    @Override
    public Integer deserialize(Decoder decoder, DecoderContext context, Argument<? super Integer> type) throws IOException {
        Object value = decoder.decodeArbitrary();
        if (StrictLongDeserializer.isWhole(value) && ((Number) value).longValue() == ((Number) value).intValue()) {
            return ((Number) value).intValue();
        }
        throw new WrongJsonType(ConversionProblemHandler.expected(Integer.class));
    }

    @Override
    public Integer deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super Integer> type)
            throws IOException {
        if (decoder.decodeNull()) {
            return null;
        }
        return deserialize(decoder, context, type);
    }
}
