package fi.laituri.desk;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** When a user last looked at the desk's home page. */
@MappedEntity("desk_visit")
record DeskVisit(@Id String userName, Instant seenAt) {
}
