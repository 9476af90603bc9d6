package org.newsletter.articles;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** An article as an editor (or the site's CMS) sends it. */
public record ArticleRequest(
        @NotBlank(message = "Give the article a title")
        @Size(max = 500, message = "Keep the title under 500 characters")
        String title,
        @NotBlank(message = "Give the article's URL")
        @Size(max = 2000, message = "Keep the URL under 2000 characters")
        @Pattern(regexp = "^https?://\\S+$", message = "The URL must be an absolute http or https address")
        String url,
        @Size(max = 20000, message = "Keep the summary under 20000 characters")
        String summary,
        @Size(max = 200, message = "Keep the author under 200 characters")
        String author,
        Instant publishedAt,
        @Size(max = 2000, message = "Keep the image URL under 2000 characters")
        @Pattern(regexp = "^https?://\\S+$", message = "The image URL must be an absolute http or https address")
        String imageUrl,
        @NotEmpty(message = "Name at least one list (slugs) the article belongs to")
        List<@NotBlank(message = "List slugs cannot be empty") String> lists) {
}
