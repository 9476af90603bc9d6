/**
 * The providers' event webhooks (Mailjet's Event API), authenticated with a configured secret.
 */
package org.newsletter.bounces.web;
