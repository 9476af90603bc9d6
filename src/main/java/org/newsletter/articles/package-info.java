/** Articles editors bring in by API or from the site's RSS/Atom feeds, and the lists they belong to. */
package org.newsletter.articles;
