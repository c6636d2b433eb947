package fi.laituri.site;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ListingsTest {

    private final Listings listings = new Listings(10);

    private static List<Integer> numbers(Listings.Pagination pagination) {
        return pagination.numbers().stream().map(n -> n.number() == null ? 0 : n.number()).toList();
    }

    @Test
    void exactlyAPageOfItemsIsOnePageAndOneMoreIsTwo() {
        assertEquals(1, listings.pages(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)).size());
        List<List<Integer>> eleven = listings.pages(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
        assertEquals(2, eleven.size());
        assertEquals(List.of(11), eleven.get(1));
    }

    @Test
    void noItemsStillMakeOneEmptyPage() {
        assertEquals(List.of(List.of()), listings.pages(List.of()));
    }

    @Test
    void theNavigationShowsTheEndsAndTheNeighboursOfTheCurrentPageWithGapsBetween() {
        Listings.Pagination middle = Listings.pagination(10, 20, n -> "/fi/blog/" + n + "/");

        assertEquals(List.of(1, 0, 8, 9, 10, 11, 12, 0, 20), numbers(middle));
        assertEquals("/fi/blog/9/", middle.previous());
        assertEquals("/fi/blog/11/", middle.next());
        assertEquals(List.of(1, 2, 3, 0, 20), numbers(Listings.pagination(1, 20, n -> "/" + n)));
        assertEquals(List.of(1, 2, 3, 4), numbers(Listings.pagination(2, 4, n -> "/" + n)));
    }

    /** Every page of navigations of up to 40 pages (and pages asked for beyond them), against the rule spelt out. */
    @Test
    void theNavigationOfEveryPageListsTheEndsAndTheNeighboursAndOneGapForEachRunLeftOut() {
        for (int count = 0; count <= 40; count++) {
            for (int current = -1; current <= count + 3; current++) {
                List<Integer> expected = new java.util.ArrayList<>();
                for (int n = 1; n <= count; n++) {
                    if (n == 1 || n == count || Math.abs(n - current) <= 2) {
                        expected.add(n);
                    } else if (expected.get(expected.size() - 1) != 0) {
                        expected.add(0);
                    }
                }
                Listings.Pagination pagination = Listings.pagination(current, count, n -> "/" + n + "/");
                assertEquals(expected, numbers(pagination), "page " + current + " of " + count);
                for (Listings.Number number : pagination.numbers()) {
                    assertEquals(number.number() == null ? null : "/" + number.number() + "/", number.url());
                    assertEquals(number.number() != null && number.number() == current, number.current());
                }
            }
        }
    }

    @Test
    void theFirstPageHasNoPreviousAndTheLastNoNext() {
        assertNull(Listings.pagination(1, 3, n -> "/" + n).previous());
        assertNull(Listings.pagination(3, 3, n -> "/" + n).next());
    }

    @Test
    void aPageSizeBelowOneIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new Listings(0));
    }
}
