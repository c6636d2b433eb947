package fi.laituri.site;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A build's manifest held as its base with the build's changes over it reads as the map made whole. */
class ManifestOverlayTest {

    private static Manifest.Entry entry(String hash) {
        return new Manifest.Entry("fp-" + hash, List.of(), "", hash, List.of());
    }

    @Test
    void changedAddedAndRemovedPathsReadAsInTheWholeMap() {
        Map<String, Manifest.Entry> base = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            base.put("page-" + i + "/index.html", entry("v1-" + i));
        }
        Map<String, Manifest.Entry> changed = Map.of("page-3/index.html", entry("v2-3"), "new/index.html", entry("new"));
        Set<String> removed = Set.of("page-7/index.html", "page-8/index.html");

        Map<String, Manifest.Entry> whole = new HashMap<>(base);
        whole.keySet().removeAll(removed);
        whole.putAll(changed);
        Manifest.Overlay overlay = new Manifest.Overlay(base, changed, removed);

        assertEquals(whole, overlay);
        assertEquals(whole, new HashMap<>(overlay));
        assertEquals(whole.size(), overlay.size());
        assertEquals(whole.keySet(), overlay.keySet());
        assertEquals(entry("v2-3"), overlay.get("page-3/index.html"));
        assertEquals(entry("new"), overlay.get("new/index.html"));
        assertNull(overlay.get("page-7/index.html"));
        assertFalse(overlay.containsKey("page-8/index.html"));
        assertTrue(overlay.containsKey("page-9/index.html"));
        assertEquals(50, base.size(), "the base is not changed");
    }
}
