package org.newsletter.lists;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** A list as the admin API shows it, with its subscriber counts per status. */
public record ListView(String slug, String name, String description, @JsonProperty("public") boolean isPublic,
                       String optIn, Instant createdAt, Counts subscribers,
                       ListRequest.DigestSchedule digestSchedule, boolean archived) {

    public record Counts(long pending, long confirmed, long unsubscribed) {
    }

    static ListView of(MailingList list, Counts counts) {
        ListRequest.DigestSchedule schedule = list.digestCron == null ? null
                : new ListRequest.DigestSchedule(list.digestCron, list.digestZone, list.digestSubject);
        return new ListView(list.slug, list.name, list.description, list.isPublic, list.optIn.code(), list.createdAt, counts,
                schedule, list.archived);
    }
}
