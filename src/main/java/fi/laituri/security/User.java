package fi.laituri.security;

import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.annotation.Version;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.List;

@MappedEntity("app_user")
record User(@Id @GeneratedValue Long id, String name, String role,
            @TypeDef(type = DataType.JSON) List<String> languages, @DateCreated Instant createdAt,
            @Version Long version) {

    User with(String newRole, List<String> newLanguages) {
        return new User(id, name, newRole, newLanguages, createdAt, version);
    }
}
