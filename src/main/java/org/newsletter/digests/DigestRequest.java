package org.newsletter.digests;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** A digest to compose: for which list, under which subject, and optionally exactly which articles. */
public record DigestRequest(
        @NotBlank(message = "Name the list (slug) the digest goes to")
        String list,
        @NotBlank(message = "Give the digest a subject")
        @Size(max = 300, message = "Keep the subject under 300 characters")
        @Pattern(regexp = "^[^\\p{Cntrl}]*$", message = "The subject cannot contain line breaks or control characters")
        String subject,
        @Size(max = 100, message = "A digest holds at most 100 articles")
        List<Long> articleIds) {
}
