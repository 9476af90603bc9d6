package org.newsletter.subscription;

/** A subscription was asked to make a move its state machine does not allow. */
public class IllegalTransitionException extends RuntimeException {
    public IllegalTransitionException(String message) {
        super(message);
    }
}
