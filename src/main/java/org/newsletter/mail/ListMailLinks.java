package org.newsletter.mail;

import jakarta.inject.Singleton;
import org.newsletter.common.LinkTokens;
import org.newsletter.common.Links;

import java.util.Map;
import java.util.UUID;

/**
 * What every mail of a list carries for its reader, whatever the mail (welcome, digest): the footer links
 * (that list's one-click unsubscribe, the reader's preferences) and the matching list headers.
 */
@Singleton
public class ListMailLinks {

    /** The footer links and headers of one reader's mail of one list. */
    public record Footer(String unsubscribeUrl, String preferencesUrl, Map<String, String> headers) {
    }

    private final LinkTokens tokens;
    private final Links links;

    ListMailLinks(LinkTokens tokens, Links links) {
        this.tokens = tokens;
        this.links = links;
    }

    public Footer of(UUID reader, long listId, String listSlug, String listName) {
        String unsubscribeUrl = links.unsubscribe(tokens.unsubscribe(reader, listId));
        return new Footer(unsubscribeUrl, links.preferences(tokens.preferences(reader)),
                ListHeaders.of(listSlug, listName, links.host(), unsubscribeUrl));
    }
}
