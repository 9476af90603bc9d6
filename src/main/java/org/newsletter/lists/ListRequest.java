package org.newsletter.lists;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A list as an admin creates or changes it. */
public record ListRequest(
        @NotBlank(message = "Give the list a slug")
        @Size(max = 64, message = "Keep the slug under 64 characters")
        @Pattern(regexp = "^[a-z0-9]+(-[a-z0-9]+)*$", message = "Use lowercase letters, digits and single dashes in the slug")
        String slug,
        @NotBlank(message = "Give the list a name")
        @Size(max = 200, message = "Keep the name under 200 characters")
        @Pattern(regexp = "^[^\\p{Cntrl}]*$", message = "The name cannot contain line breaks or control characters")
        String name,
        @Size(max = 2000, message = "Keep the description under 2000 characters")
        String description,
        @JsonProperty("public") Boolean isPublic,
        @Pattern(regexp = "double|single", message = "optIn must be 'double' or 'single'")
        String optIn,
        @Valid DigestSchedule digestSchedule) {

    /** A digest of the list's new articles composed and sent on a schedule; days without new articles are skipped. */
    public record DigestSchedule(
            @NotBlank(message = "Give the schedule as cron: minute hour day-of-month month day-of-week, e.g. '0 7 * * *'")
            @Size(max = 100, message = "Keep the cron expression under 100 characters")
            String cron,
            @Size(max = 64, message = "Keep the time zone under 64 characters")
            String zone,
            @Size(max = 300, message = "Keep the subject under 300 characters")
            @Pattern(regexp = "^[^\\p{Cntrl}]*$", message = "The subject cannot contain line breaks or control characters")
            String subject) {
    }
}
