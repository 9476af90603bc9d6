package org.newsletter.digests;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** UTM parameters on article links, without a container. */
class CampaignTagsTest {

    private final CampaignTags tags = new CampaignTags(Optional.of("newsletter"));

    @Test
    void articleLinksGetTheListAsCampaignKeepingTheirQueryAndFragment() {
        assertThat(tags.tag("https://news.example/story", "morning"))
                .isEqualTo("https://news.example/story?utm_source=newsletter&utm_medium=email&utm_campaign=morning");
        assertThat(tags.tag("https://news.example/story?id=7#comments", "morning"))
                .isEqualTo("https://news.example/story?id=7&utm_source=newsletter&utm_medium=email&utm_campaign=morning#comments");
    }

    @Test
    void linksThatCarryTheirOwnTagsOrNoSourceConfiguredAreLeftAlone() {
        assertThat(tags.tag("https://news.example/story?utm_source=partner", "morning"))
                .isEqualTo("https://news.example/story?utm_source=partner");
        assertThat(new CampaignTags(Optional.empty()).tag("https://news.example/story", "morning"))
                .isEqualTo("https://news.example/story");
        assertThat(new CampaignTags(Optional.of("  ")).tag("https://news.example/story", "morning"))
                .isEqualTo("https://news.example/story");
    }
}
