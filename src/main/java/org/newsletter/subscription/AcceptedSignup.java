package org.newsletter.subscription;

import org.newsletter.lists.PublicLists.PublicList;

import java.util.List;
import java.util.Locale;

/** A signup that passed validation and waits to be recorded: what the reader asked for and where from. */
record AcceptedSignup(String email, String name, List<PublicList> lists, ConsentSource source, RequestOrigin origin) {

    /** The address as the unique index compares it: two signups with one key cannot share a batch. */
    String key() {
        return email.toLowerCase(Locale.ROOT);
    }

    /** A new reader whose lists all want a confirmation mail: recorded with set-based statements. */
    boolean onlyDoubleOptIn() {
        return lists.stream().allMatch(PublicList::requiresConfirmation);
    }

    List<Long> listIds() {
        return lists.stream().map(PublicList::id).toList();
    }
}
