package org.newsletter.digests;

import java.util.List;

/** What every recipient of one digest gets alike; loaded once per digest, then rendered per reader. */
public record DigestContent(long digestId, long listId, String listSlug, String listName, String subject,
                            List<Item> articles) {

    /** One article as the templates show it: escaped text, sanitized summary HTML, a display date. */
    public record Item(String title, String url, String summaryHtml, String summaryText, String author,
                       String imageUrl, String date) {
    }
}
