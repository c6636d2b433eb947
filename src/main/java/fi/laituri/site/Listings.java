package fi.laituri.site;

import fi.laituri.content.PublicContent.LiveVariant;
import fi.laituri.language.Language;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * What the listings (blog index, tag pages) share: an entry per live version, pages of
 * {@code laituri.site.page-size} entries, and the navigation between those pages.
 */
@Singleton
class Listings {

    /** Page numbers shown either side of the current one; the rest fold into a gap, so the nav stays short. */
    private static final int AROUND = 2;

    private final int pageSize;

    Listings(@Value("${laituri.site.page-size:10}") int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("laituri.site.page-size must be at least 1, not " + pageSize);
        }
        this.pageSize = pageSize;
    }

    /** One entry of a listing, as the templates show it. */
    record Entry(String title, String url, String summary, @Nullable OffsetDateTime date, List<String> authors,
                 List<Page.Tag> tags) {
    }

    /**
     * The navigation of page {@code current} of {@code count}: {@code previous} and {@code next} are null at
     * the ends; {@code numbers} are the pages to offer, a null number standing for the ones left out.
     */
    record Pagination(int current, int count, @Nullable String previous, @Nullable String next, List<Number> numbers) {
    }

    record Number(@Nullable Integer number, @Nullable String url, boolean current) {
    }

    Entry entry(SiteModel site, LiveVariant v) {
        Language language = site.language(v.language());
        List<String> authors = v.authors().stream().map(site.authors()::get).filter(Objects::nonNull)
                .map(a -> a.name()).toList();
        List<Page.Tag> tags = v.tags().stream().map(t -> new Page.Tag(t, site.tag(language, t, 1))).toList();
        return new Entry(v.title(), site.url(v), v.summary(), SiteModel.published(v), authors, tags);
    }

    /** The items in pages of the configured size; an empty list still makes one (empty) page. */
    <T> List<List<T>> pages(List<T> items) {
        List<List<T>> pages = new ArrayList<>();
        for (int from = 0; from < items.size(); from += pageSize) {
            pages.add(items.subList(from, Math.min(items.size(), from + pageSize)));
        }
        if (pages.isEmpty()) {
            pages.add(List.of());
        }
        return pages;
    }

    /**
     * The navigation of page {@code current} (from 1) of {@code count}, where {@code url} gives a page's path: the first
     * and last pages, the current one's neighbours, and a gap where pages are left out. Made from those few numbers
     * alone: a blog of 500 pages went through all 500 for each of them.
     */
    static Pagination pagination(int current, int count, IntFunction<String> url) {
        List<Number> numbers = new ArrayList<>();
        if (count >= 1) {
            numbers.add(number(1, current, url));
        }
        int from = Math.max(2, current - AROUND);
        int to = Math.min(count - 1, current + AROUND);
        if (from <= to) {
            if (from > 2) {
                numbers.add(GAP);
            }
            for (int n = from; n <= to; n++) {
                numbers.add(number(n, current, url));
            }
            if (to < count - 1) {
                numbers.add(GAP);
            }
        } else if (count > 2) {
            numbers.add(GAP);
        }
        if (count >= 2) {
            numbers.add(number(count, current, url));
        }
        return new Pagination(current, count, current > 1 ? url.apply(current - 1) : null,
                current < count ? url.apply(current + 1) : null, List.copyOf(numbers));
    }

    private static Number number(int n, int current, IntFunction<String> url) {
        return new Number(n, url.apply(n), n == current);
    }

    private static final Number GAP = new Number(null, null, false);
}
