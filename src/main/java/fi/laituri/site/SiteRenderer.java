package fi.laituri.site;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Plans one kind of output (content pages, language homes, feeds, ...) from the site model: every file
 * of that kind with a fingerprint of its inputs and a way to render it. The builder renders only the
 * files whose inputs changed since the live build. Problems seen while planning go to {@code warnings},
 * each naming document and language; problems seen while rendering go with the rendered file.
 */
interface SiteRenderer {

    List<PlannedFile> plan(SiteModel site, List<String> warnings);

    /**
     * As {@link #plan}, for a build that carries the live build's files over ({@link SiteWriter.Staging#carries}): files
     * {@link PlannedFile#carried carried} as they were may be left out of the list and only counted, so that a one-edit
     * build of a site of 300,000 pages makes no object for each. {@code lookingUp} are files that looked up a changed
     * document when they were rendered: those must be in the list, carried or not.
     */
    default Plan planChange(SiteModel site, List<String> warnings, Set<String> lookingUp) {
        return new Plan(plan(site, warnings), Plan.Left.NONE);
    }

    /** The files to look at, and those left out as carried. */
    record Plan(List<PlannedFile> files, Left left) {

        /**
         * Files carried over from the live build and left out of a plan: how many, and what lists their paths when a
         * build needs them all (it dropped files).
         */
        record Left(int size, Consumer<Consumer<String>> lister) {

            static final Left NONE = new Left(0, to -> { });

            static Left of(int size, Consumer<Consumer<String>> lister) {
                return size == 0 ? NONE : new Left(size, lister);
            }

            void paths(Consumer<String> to) {
                lister.accept(to);
            }
        }
    }
}
