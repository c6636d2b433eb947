package fi.laituri.workflow;

import io.micronaut.core.annotation.Introspected;

/** One language version in a release. */
@Introspected
record MemberRow(Long documentId, String language) {
}
