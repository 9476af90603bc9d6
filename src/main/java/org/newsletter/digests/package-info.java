/** Digests of a list's articles: composed by an editor or a schedule, previewed, tested and sent. */
package org.newsletter.digests;
