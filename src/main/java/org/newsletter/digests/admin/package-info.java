/** The admin API for digests, including live progress as server-sent events. */
package org.newsletter.digests.admin;
