package org.newsletter.subscription;

/** Where a consent event came from. */
public enum ConsentSource {
    FORM("form"), API("api"), IMPORT("import"), ONE_CLICK("one-click"), LINK("link"), ADMIN("admin"),
    /** The reader marked our mail as spam; the mail provider reported it. */
    COMPLAINT("complaint");

    private final String code;

    ConsentSource(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
