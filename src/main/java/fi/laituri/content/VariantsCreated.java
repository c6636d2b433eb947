package fi.laituri.content;

import java.util.List;
import java.util.Optional;

/**
 * Language versions that an import created in one transaction, told at once inside it (as {@link VariantCreated} tells
 * one), so that a listener can write its rows in one batch. Each comes with the version of its document in the
 * language it is made from, as that stood when it was created (empty when there was none), so that the listener
 * need not read it back.
 */
public record VariantsCreated(List<Created> created) {

    public record Created(VariantCreated variant, Optional<Variant> source) {
    }
}
