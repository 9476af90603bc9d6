/**
 * Reader search and records for the admin API.
 */
package org.newsletter.subscription.admin;
