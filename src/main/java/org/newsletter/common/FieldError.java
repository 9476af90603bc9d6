package org.newsletter.common;

/** One thing wrong with a request, named by the field to fix. */
public record FieldError(String field, String message) {
}
