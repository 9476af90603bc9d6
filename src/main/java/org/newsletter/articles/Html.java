package org.newsletter.articles;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/** HTML that comes from outside (feeds, the API) made safe for our templates, and turned into text. */
public final class Html {

    private static final Safelist SUMMARY = Safelist.basic().removeTags("blockquote", "cite", "q");
    private static final Document.OutputSettings COMPACT = new Document.OutputSettings().prettyPrint(false);

    private Html() {
    }

    /** Keeps simple formatting and links (forced to http/https), drops scripts, styles, images and handlers. */
    public static String sanitize(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        return Jsoup.clean(html, "", SUMMARY, COMPACT).strip();
    }

    /** The visible text of a piece of HTML, whitespace collapsed. */
    public static String text(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        return Jsoup.parse(html).text().strip();
    }

    /** Cuts text at a word boundary near {@code max} characters, marking the cut with an ellipsis. */
    public static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max - 1);
        return text.substring(0, cut > max / 2 ? cut : max - 1).stripTrailing() + "...";
    }
}
