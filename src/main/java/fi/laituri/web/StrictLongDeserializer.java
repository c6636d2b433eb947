package fi.laituri.web;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigInteger;

/** Like {@link StrictIntegerDeserializer}, for ids and other long whole numbers. */
@Singleton
class StrictLongDeserializer implements Deserializer<Long> {

    @Override
    public Long deserialize(Decoder decoder, DecoderContext context, Argument<? super Long> type) throws IOException {
        Object value = decoder.decodeArbitrary();
        if (isWhole(value)) {
            return ((Number) value).longValue();
        }
        throw new WrongJsonType(ConversionProblemHandler.expected(Long.class));
    }

    @Override
    public Long deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super Long> type)
            throws IOException {
        if (decoder.decodeNull()) {
            return null;
        }
        return deserialize(decoder, context, type);
    }

    /** A JSON integer that fits a long: not a fraction, an exponent, true or a string of digits. */
    static boolean isWhole(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger big && big.bitLength() < Long.SIZE;
    }
}
