package org.newsletter.mail;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The list headers every list mail carries: RFC 8058 one-click unsubscribe (an https URI that alone
 * identifies reader and list, plus {@code List-Unsubscribe-Post}) and RFC 2919 {@code List-Id}.
 */
public final class ListHeaders {

    private ListHeaders() {
    }

    public static Map<String, String> of(String listSlug, String listName, String host, String unsubscribeUrl) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + unsubscribeUrl + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        headers.put("List-Id", listId(listName, listSlug, host));
        return headers;
    }

    /** One-click headers only, for mail that is about a signup rather than one list (the confirmation). */
    public static Map<String, String> unsubscribeOnly(String unsubscribeUrl) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + unsubscribeUrl + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return headers;
    }

    static String listId(String name, String slug, String host) {
        String phrase = name == null ? "" : name.replaceAll("[\\p{Cntrl}\"<>\\\\]", "").strip();
        String id = "<" + slug + "." + host + ">";
        return phrase.isEmpty() ? id : "\"" + phrase + "\" " + id;
    }
}
