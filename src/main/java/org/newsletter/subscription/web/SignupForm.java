package org.newsletter.subscription.web;

import org.newsletter.common.FieldError;

import java.util.List;

/** What the signup form shows: the values typed so far and the message next to each field. */
public record SignupForm(String email, String name, List<String> selectedLists, List<FieldError> errors) {

    public static SignupForm empty() {
        return new SignupForm(null, null, List.of(), List.of());
    }

    public String error(String field) {
        return errors.stream().filter(e -> e.field().equals(field)).map(FieldError::message).findFirst().orElse(null);
    }

    public boolean selected(String slug) {
        return selectedLists.contains(slug);
    }
}
