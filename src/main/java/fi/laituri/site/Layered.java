package fi.laituri.site;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A map by document key that a model made after a change ({@link SiteModel#with}) takes over from the model before:
 * the entries of the documents that did not change are shared, not copied. It is a base map, made once and never
 * changed, the keys of it that no longer hold ({@code hidden}) and the entries made since ({@code own}). Taking it
 * over costs in proportion to what changed since the base; when that passes an eighth of the base, the next model
 * gets a new base with everything, so a long run of small changes costs one copy now and then, not one at each.
 * Lookups and {@link #computeIfAbsent} may come from every core; {@link #put} only while the model is being made.
 */
final class Layered<V> {

    private final Map<String, V> base;
    private final Set<String> hidden;
    private final Map<String, V> own;

    private Layered(Map<String, V> base, Set<String> hidden, Map<String, V> own) {
        this.base = base;
        this.hidden = hidden;
        this.own = own;
    }

    static <V> Layered<V> empty() {
        return new Layered<>(Map.of(), Set.of(), new ConcurrentHashMap<>());
    }

    /** A map of {@code all}, which the caller gives up. */
    static <V> Layered<V> of(Map<String, V> all) {
        return new Layered<>(all, Set.of(), new ConcurrentHashMap<>());
    }

    /** The entries of this map but those of the {@code changed} keys, for the next model. */
    Layered<V> after(Set<String> changed) {
        if (own.size() + hidden.size() + changed.size() > base.size() / 8 + 64) {
            Map<String, V> all = new HashMap<>((base.size() + own.size()) * 4 / 3 + 16);
            base.forEach((key, value) -> {
                if (!hidden.contains(key) && !changed.contains(key)) {
                    all.put(key, value);
                }
            });
            own.forEach((key, value) -> {
                if (!changed.contains(key)) {
                    all.put(key, value);
                }
            });
            return of(all);
        }
        Set<String> stillHidden = new HashSet<>(hidden);
        stillHidden.addAll(changed);
        Map<String, V> kept = new ConcurrentHashMap<>();
        own.forEach((key, value) -> {
            if (!changed.contains(key)) {
                kept.put(key, value);
            }
        });
        return new Layered<>(base, stillHidden, kept);
    }

    V get(String key) {
        V value = own.get(key);
        if (value != null || hidden.contains(key)) {
            return value;
        }
        return base.get(key);
    }

    V computeIfAbsent(String key, Function<String, V> make) {
        V value = get(key);
        return value != null ? value : own.computeIfAbsent(key, make);
    }

    void put(String key, V value) {
        own.put(key, value);
    }
}
