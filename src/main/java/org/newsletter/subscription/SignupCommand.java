package org.newsletter.subscription;

import java.util.List;

/** What a reader asked for when signing up, as typed: validated by {@link SubscriptionService#signUp}. */
public record SignupCommand(String email, String name, List<String> lists) {
    public SignupCommand {
        lists = lists == null ? List.of() : lists;
    }
}
