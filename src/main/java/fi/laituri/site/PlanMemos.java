package fi.laituri.site;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a renderer noted of its last few plans, by the serial of the model each was for ({@link SiteModel#serial}):
 * a build of a model made from another ({@link SiteModel#since}) finds what was planned for that one, and may carry
 * over the files whose inputs are as they were. A few are kept, not one, so that sites one process builds by turns
 * (tests, benchmarks) each find theirs.
 */
final class PlanMemos<T> {

    private static final int KEPT = 3;

    /** Oldest first. */
    private final Map<Long, T> memos = new LinkedHashMap<>();

    /** What was noted of the plan for the model {@code site} was made from, or null (none, or made whole). */
    synchronized T since(SiteModel site) {
        SiteModel.Since since = site.since();
        return since == null ? null : memos.get(since.model());
    }

    synchronized void note(SiteModel site, T memo) {
        memos.put(site.serial(), memo);
        while (memos.size() > KEPT) {
            memos.remove(memos.keySet().iterator().next());
        }
    }
}
