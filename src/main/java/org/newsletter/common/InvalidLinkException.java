package org.newsletter.common;

/** A link token that is tampered with, expired, or meant for another purpose. */
public class InvalidLinkException extends RuntimeException {
    public InvalidLinkException() {
        super("This link is invalid or has expired");
    }
}
