package fi.laituri.security;

import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("app_user")
record User(@Id @GeneratedValue Long id, String name, String role, @DateCreated Instant createdAt) {
}
