/**
 * The reader-facing pages and the JSON signup API.
 */
package org.newsletter.subscription.web;
