package fi.laituri.web;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists of text (tags, author ids) hold JSON strings only. Serde reads {@code List<String>} with its
 * own lenient reader, which bypasses {@link StrictStringDeserializer}. Null elements stay null, for
 * bean validation to name.
 */
@Singleton
class StrictStringListDeserializer implements Deserializer<List<String>> {

    @Override
    public List<String> deserialize(Decoder decoder, DecoderContext context, Argument<? super List<String>> type)
            throws IOException {
        Object value = decoder.decodeArbitrary();
        if (!(value instanceof List<?> list)) {
            throw StrictStringDeserializer.wrongType("a JSON array of strings", value);
        }
        List<String> strings = new ArrayList<>(list.size());
        for (Object element : list) {
            if (element != null && !(element instanceof String)) {
                throw StrictStringDeserializer.wrongType("a JSON array of strings", element);
            }
            strings.add((String) element);
        }
        return strings;
    }

    @Override
    public List<String> deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super List<String>> type)
            throws IOException {
        if (decoder.decodeNull()) {
            return null;
        }
        return deserialize(decoder, context, type);
    }
}
