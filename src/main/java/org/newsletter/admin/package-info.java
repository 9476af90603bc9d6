/**
 * Admin accounts (bcrypt hashes, roles) and the first account's bootstrap.
 */
package org.newsletter.admin;
