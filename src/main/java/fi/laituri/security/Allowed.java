package fi.laituri.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a route needs; with several, any one of them lets a user in (the workflow route, whose
 * action decides the permission the service then requires). Every route declares this or {@link Public},
 * and {@link RouteAccess} refuses a route that declares neither, so a new endpoint cannot be left open.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Allowed {
    Permission[] value();
}
