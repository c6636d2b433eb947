package fi.laituri.security;

import fi.laituri.web.ProblemException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static fi.laituri.security.Permission.*;

/**
 * Which role may do what. Editors write in every language; translators only in the languages
 * assigned to them and never create or delete documents; publishers review, publish and schedule;
 * admins may do everything.
 */
@Singleton
public class Policy {

    private static final Map<Role, Set<Permission>> GRANTS = Map.of(
            Role.ADMIN, EnumSet.allOf(Permission.class),
            Role.EDITOR, EnumSet.of(READ, CREATE_DOCUMENT, CHANGE_DOCUMENT, DELETE_DOCUMENT, EDIT_VARIANT,
                    DELETE_VARIANT, MANAGE_AUTHORS, SUBMIT, WITHDRAW, PREVIEW),
            Role.TRANSLATOR, EnumSet.of(READ, EDIT_VARIANT, SUBMIT, WITHDRAW, PREVIEW),
            Role.PUBLISHER, EnumSet.of(READ, REVIEW, PUBLISH, MANAGE_RELEASES, PREVIEW));

    /** Permissions a translator has only in the languages assigned to them. */
    private static final Set<Permission> PER_LANGUAGE = EnumSet.of(EDIT_VARIANT, SUBMIT, WITHDRAW, PREVIEW);

    public boolean allows(Actor actor, Permission permission, String language) {
        if (!GRANTS.get(actor.role()).contains(permission)) {
            return false;
        }
        return actor.role() != Role.TRANSLATOR || !PER_LANGUAGE.contains(permission)
                || language == null || actor.languages().contains(language);
    }

    /** @throws ProblemException 403 naming what the role may not do */
    public void require(Actor actor, Permission permission, String language) {
        if (allows(actor, permission, language)) {
            return;
        }
        String what = permission.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        String reason = GRANTS.get(actor.role()).contains(permission)
                ? "translator " + actor.name() + " works in " + (actor.languages().isEmpty() ? "no language yet"
                : String.join(", ", actor.languages().stream().sorted().toList())) + ", not " + language
                : (actor.role() == Role.ADMIN || actor.role() == Role.EDITOR ? "an " : "a ") + actor.role().code()
                + " may not " + what;
        throw new ProblemException(HttpStatus.FORBIDDEN, "forbidden", reason, List.of(), Map.of("permission", what));
    }

    public void require(Actor actor, Permission permission) {
        require(actor, permission, null);
    }
}
