package fi.laituri.security;

import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static fi.laituri.security.Permission.*;

/**
 * Which role may do what: the one table of grants. Editors write in every language; translators only in
 * the languages assigned to them and never create or delete documents; publishers review, publish and
 * schedule; admins may do everything. {@link RouteAccess} checks a route's {@link Allowed} permissions
 * against it before the request reaches a controller; services check what depends on the resource
 * (a translator's languages, a workflow action).
 */
@Singleton
public class Policy {

    private static final Map<Role, Set<Permission>> GRANTS = Map.of(
            Role.ADMIN, EnumSet.allOf(Permission.class),
            Role.EDITOR, EnumSet.of(READ, CREATE_DOCUMENT, CHANGE_DOCUMENT, DELETE_DOCUMENT, EDIT_VARIANT,
                    DELETE_VARIANT, MANAGE_AUTHORS, SUBMIT, WITHDRAW, PREVIEW),
            Role.TRANSLATOR, EnumSet.of(READ, EDIT_VARIANT, SUBMIT, WITHDRAW, PREVIEW),
            Role.PUBLISHER, EnumSet.of(READ, REVIEW, PUBLISH, MANAGE_RELEASES, PREVIEW));

    /**
     * Permissions a translator has only in the languages assigned to them; for {@code READ}, what belongs to one
     * language (a version, its revisions and preview links, audit entries): other languages' drafts are not theirs.
     */
    private static final Set<Permission> PER_LANGUAGE = EnumSet.of(READ, EDIT_VARIANT, SUBMIT, WITHDRAW, PREVIEW);

    /** Whether the role has the permission at all, whatever the language. */
    public boolean grants(Role role, Permission permission) {
        return GRANTS.get(role).contains(permission);
    }

    public boolean allows(Actor actor, Permission permission, String language) {
        if (!grants(actor.role(), permission)) {
            return false;
        }
        return actor.role() != Role.TRANSLATOR || !PER_LANGUAGE.contains(permission)
                || language == null || actor.languages().contains(language);
    }

    /** @throws NotPermitted naming what the role may not do, or the languages a translator works in */
    public void require(Actor actor, Permission permission, String language) {
        if (allows(actor, permission, language)) {
            return;
        }
        if (grants(actor.role(), permission)) {
            throw new NotPermitted(words(Set.of(permission)), "translator " + actor.name() + " works in "
                    + (actor.languages().isEmpty() ? "no language yet" : String.join(", ", actor.languages().stream().sorted().toList()))
                    + ", not " + language);
        }
        throw refused(actor, Set.of(permission));
    }

    /** The languages whose versions the actor may read: empty for every language. */
    public Optional<Set<String>> readableLanguages(Actor actor) {
        return actor.role() == Role.TRANSLATOR ? Optional.of(actor.languages()) : Optional.empty();
    }

    /** @throws NotPermitted when the actor's role lacks the permission */
    public void require(Actor actor, Permission permission) {
        requireAny(actor, Set.of(permission));
    }

    /** @throws NotPermitted when the actor's role has none of the permissions */
    public void requireAny(Actor actor, Collection<Permission> permissions) {
        if (permissions.stream().noneMatch(p -> grants(actor.role(), p))) {
            throw refused(actor, permissions);
        }
    }

    private static NotPermitted refused(Actor actor, Collection<Permission> permissions) {
        String what = words(permissions);
        return new NotPermitted(what, (actor.role() == Role.ADMIN || actor.role() == Role.EDITOR ? "an " : "a ")
                + actor.role().code() + " may not " + what);
    }

    private static String words(Collection<Permission> permissions) {
        return permissions.stream().sorted().map(p -> p.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .collect(Collectors.joining(" or "));
    }
}
