package fi.laituri.security;

/**
 * Something a user may or may not do; {@link Policy} decides which role may do which, and every route
 * names the permission it needs with {@link Allowed}.
 */
public enum Permission {
    READ,
    CREATE_DOCUMENT,
    CHANGE_DOCUMENT,
    DELETE_DOCUMENT,
    EDIT_VARIANT,
    DELETE_VARIANT,
    MANAGE_AUTHORS,
    SUBMIT,
    WITHDRAW,
    REVIEW,
    PUBLISH,
    MANAGE_RELEASES,
    PREVIEW,
    MANAGE_WEBHOOKS,
    MANAGE_USERS,
    /** Read the service's own metrics: the management endpoints marked sensitive, such as /prometheus. */
    MONITOR
}
