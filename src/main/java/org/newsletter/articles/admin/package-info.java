/** The admin API for articles and feeds. */
package org.newsletter.articles.admin;
