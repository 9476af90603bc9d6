package org.newsletter.digests;

/**
 * What every recipient of one digest gets alike, rendered once per digest: the articles as HTML and as
 * text. Only the greeting and the reader's own links are rendered per message.
 */
public record DigestContent(long digestId, long listId, String listSlug, String listName, String subject,
                            String articlesHtml, String articlesText) {

    /**
     * One article as the templates show it: escaped text, sanitized summary HTML, a display date, and the
     * link readers follow (counted through this service, or the article's own URL).
     */
    public record Item(String title, String url, String link, String summaryHtml, String summaryText, String author,
                       String imageUrl, String date) {
    }
}
