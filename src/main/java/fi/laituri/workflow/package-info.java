/**
 * The publication workflow: how a draft is reviewed and published. So far it owns the preview links that
 * let a reviewer without an account read one variant's draft, rendered with the site templates.
 */
package fi.laituri.workflow;
