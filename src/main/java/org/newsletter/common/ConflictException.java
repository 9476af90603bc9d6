package org.newsletter.common;

/** The request clashes with what is stored (a slug taken, say). Answered with 409. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
