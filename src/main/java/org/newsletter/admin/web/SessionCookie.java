package org.newsletter.admin.web;

/** The admin web's session cookie (Quarkus form authentication, encrypted; see application.properties). */
public final class SessionCookie {

    public static final String NAME = "nl-admin";

    private SessionCookie() {
    }
}
