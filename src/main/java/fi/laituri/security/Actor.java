package fi.laituri.security;

import io.micronaut.security.authentication.Authentication;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Who is acting: a user with a role and, for translators, the languages they work in. */
public record Actor(String name, Role role, Set<String> languages) {

    static final String LANGUAGES = "languages";

    public Actor {
        languages = Set.copyOf(languages);
    }

    /** The system itself (import, scheduler): allowed everything, named in the audit log. */
    public static Actor system(String name) {
        return new Actor(name, Role.ADMIN, Set.of());
    }

    /** What a request's user is, for the security rules: name, role, languages, and what else the caller adds. */
    public static Authentication authentication(Users.Account account, java.util.Map<String, Object> extra) {
        java.util.Map<String, Object> attributes = new java.util.HashMap<>(extra);
        attributes.put("userId", account.id());
        attributes.put(LANGUAGES, account.languages());
        return Authentication.build(account.name(), List.of(account.role().code()), attributes);
    }

    public static Actor of(Authentication authentication) {
        Role role = authentication.getRoles().stream().map(Role::parse).flatMap(java.util.Optional::stream)
                .findFirst().orElseThrow(() -> new IllegalStateException("an authenticated user without a role"));
        Object languages = authentication.getAttributes().getOrDefault(LANGUAGES, List.of());
        Set<String> codes = languages instanceof Collection<?> c
                ? c.stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet())
                : Set.of();
        return new Actor(authentication.getName(), role, codes);
    }
}
