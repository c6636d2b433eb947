/**
 * Publishing the built site and the search index to where readers get them: a folder, an rsync destination or an
 * S3-compatible bucket ({@code laituri publish}); needs no database, only the site folder a build wrote.
 */
package fi.laituri.publish;
