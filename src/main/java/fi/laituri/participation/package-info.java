/**
 * Public participation: readers' comments on blog posts (moderated, shown on the static page once approved) and
 * their feedback on the site, the forms that take them, their limits against abuse, and the retention of both.
 */
package fi.laituri.participation;
