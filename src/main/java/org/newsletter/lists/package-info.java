/**
 * Mailing lists: slug, name, public or private, single or double opt-in; their admin API.
 */
package org.newsletter.lists;
