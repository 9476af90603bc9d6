/**
 * What readers reach from a digest besides the subscription pages: the counted article links.
 */
package org.newsletter.digests.web;
