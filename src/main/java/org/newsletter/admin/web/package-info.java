/** The admin web: server-rendered pages behind a login form and a session cookie. */
package org.newsletter.admin.web;
