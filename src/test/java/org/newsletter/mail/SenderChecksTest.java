package org.newsletter.mail;

import org.junit.jupiter.api.Test;
import org.newsletter.common.NewsletterConfig.Transport;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What the start-up log tells an operator about the sending setup, without a container. */
class SenderChecksTest {

    private static final String FROM = "Harbour News <news@harbour-news.example>";

    @Test
    void aSetupProvidersAcceptGetsNoWarning() {
        assertThat(SenderChecks.warnings(Transport.smtp, FROM, "https://news.harbour-news.example",
                Optional.of("harbour-news.example"), Optional.of(2048))).isEmpty();
        assertThat(SenderChecks.warnings(Transport.mailjet, FROM, "https://news.harbour-news.example",
                Optional.empty(), Optional.empty())).isEmpty();
    }

    @Test
    void unsignedMailAPlainHttpLinkAMisalignedDomainAndAShortKeyAreEachNamed() {
        assertThat(SenderChecks.warnings(Transport.smtp, FROM, "http://news.harbour-news.example", Optional.empty(), Optional.empty()))
                .hasSize(2)
                .anySatisfy(w -> assertThat(w).contains("not https").contains("RFC 8058"))
                .anySatisfy(w -> assertThat(w).contains("not DKIM-signed"));
        assertThat(SenderChecks.warnings(Transport.smtp, FROM, "https://news.harbour-news.example",
                Optional.of("mailer.example.net"), Optional.of(1024)))
                .hasSize(2)
                .anySatisfy(w -> assertThat(w).contains("harbour-news.example").contains("not aligned").contains("DMARC"))
                .anySatisfy(w -> assertThat(w).contains("1024 bits"));
    }

    @Test
    void alignmentIsRelaxedToParentAndSubdomains() {
        assertThat(SenderChecks.aligned("news.harbour-news.example", "harbour-news.example")).isTrue();
        assertThat(SenderChecks.aligned("harbour-news.example", "mail.harbour-news.example")).isTrue();
        assertThat(SenderChecks.aligned("Harbour-News.example", "harbour-news.example")).isTrue();
        assertThat(SenderChecks.aligned("harbour-news.example", "news.example")).isFalse();
        assertThat(SenderChecks.aligned("evilharbour-news.example", "harbour-news.example")).isFalse();
    }

    @Test
    void aWebhookSecretShortEnoughToGuessStopsTheStart() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SenderChecks.checkWebhookSecret(Optional.of("mailjet-123")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 24 characters");
        SenderChecks.checkWebhookSecret(Optional.of("0123456789abcdef0123456789abcdef"));
        SenderChecks.checkWebhookSecret(Optional.empty());
    }
}
