package org.newsletter.articles;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** A feed to poll: its address, the lists its articles go to, and how often. */
public record FeedRequest(
        @NotBlank(message = "Give the feed's URL")
        @Size(max = 2000, message = "Keep the URL under 2000 characters")
        @Pattern(regexp = "^https?://\\S+$", message = "The URL must be an absolute http or https address")
        String url,
        @NotEmpty(message = "Name at least one list (slugs) the feed's articles go to")
        List<@NotBlank(message = "List slugs cannot be empty") String> lists,
        @Min(value = 5, message = "Poll at most every 5 minutes")
        @Max(value = 10080, message = "Poll at least once a week (10080 minutes)")
        Integer pollMinutes) {
}
