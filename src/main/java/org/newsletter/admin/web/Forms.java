package org.newsletter.admin.web;

import jakarta.validation.Validator;
import org.newsletter.common.FieldError;
import org.newsletter.common.InvalidInputException;

/** Form input checked by the same rules as the API's request bodies, and refused the same way. */
final class Forms {

    private Forms() {
    }

    static <T> T checked(Validator validator, T request) {
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations.stream()
                    .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage())).toList());
        }
        return request;
    }
}
