/**
 * Shared plumbing: typed configuration, signed link tokens, absolute links, error mapping to problem+json and friendly pages, the embedded dev database.
 */
package org.newsletter.common;
