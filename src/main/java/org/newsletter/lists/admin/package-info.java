/**
 * The admin API for lists, including CSV import into a list.
 */
package org.newsletter.lists.admin;
