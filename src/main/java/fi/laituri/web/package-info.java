/**
 * What every HTTP feature shares: RFC 9457 problem responses for every error, ETag/If-Match handling, paging.
 */
package fi.laituri.web;
