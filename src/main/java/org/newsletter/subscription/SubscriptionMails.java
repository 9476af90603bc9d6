package org.newsletter.subscription;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import org.newsletter.common.LinkTokens;
import org.newsletter.common.Links;
import org.newsletter.common.NewsletterConfig;
import org.newsletter.lists.MailingList;
import org.newsletter.mail.ListHeaders;
import org.newsletter.mail.ListMailLinks;
import org.newsletter.mail.MailQueue;
import org.newsletter.mail.OutboundMail;

import java.util.List;
import java.util.UUID;

/** Renders the reader-facing transactional mail (confirmation, welcome) and queues it. */
@ApplicationScoped
public class SubscriptionMails {

    @CheckedTemplate(basePath = "mail")
    static class Templates {
        static native TemplateInstance confirmationHtml(String site, String name, List<String> lists, String confirmUrl, String cancelUrl);

        static native TemplateInstance confirmationText(String site, String name, List<String> lists, String confirmUrl, String cancelUrl);

        static native TemplateInstance welcomeHtml(String site, String name, String list, String description, String unsubscribeUrl, String preferencesUrl);

        static native TemplateInstance welcomeText(String site, String name, String list, String description, String unsubscribeUrl, String preferencesUrl);
    }

    private final MailQueue queue;
    private final LinkTokens tokens;
    private final Links links;
    private final ListMailLinks listLinks;
    private final String site;

    SubscriptionMails(MailQueue queue, LinkTokens tokens, Links links, ListMailLinks listLinks, NewsletterConfig config) {
        this.queue = queue;
        this.tokens = tokens;
        this.links = links;
        this.listLinks = listLinks;
        this.site = config.siteName();
    }

    /** One confirmation mail for all the lists of one signup; its one-click header cancels that signup. */
    void queueConfirmation(Subscriber subscriber, List<String> names, long signupEventId) {
        queue.enqueue(OutboundMail.Kind.confirmation, subscriber.id, subscriber.email,
                confirmation(subscriber.publicId, subscriber.name, names, signupEventId));
    }

    /** Confirmation mails of a batch of new readers, queued with one statement. */
    void queueConfirmations(List<MailQueue.AddressedMail> mails) {
        queue.enqueueAll(OutboundMail.Kind.confirmation, mails);
    }

    MailQueue.RenderedMail confirmation(UUID subscriber, String name, List<String> lists, long signupEventId) {
        String confirmUrl = links.confirm(tokens.confirm(subscriber, signupEventId));
        String cancelUrl = links.unsubscribe(tokens.cancelSignup(subscriber, signupEventId));
        return new MailQueue.RenderedMail(
                "Please confirm your subscription to " + site,
                Templates.confirmationHtml(site, name, lists, confirmUrl, cancelUrl).render(),
                Templates.confirmationText(site, name, lists, confirmUrl, cancelUrl).render(),
                ListHeaders.unsubscribeOnly(cancelUrl));
    }

    /** The welcome for one list, carrying that list's own unsubscribe headers and footer links. */
    void queueWelcome(Subscriber subscriber, MailingList list) {
        ListMailLinks.Footer footer = listLinks.of(subscriber.publicId, list.id, list.slug, list.name);
        queue.enqueue(OutboundMail.Kind.welcome, subscriber.id, subscriber.email, new MailQueue.RenderedMail(
                "Welcome to " + list.name,
                Templates.welcomeHtml(site, subscriber.name, list.name, list.description, footer.unsubscribeUrl(),
                        footer.preferencesUrl()).render(),
                Templates.welcomeText(site, subscriber.name, list.name, list.description, footer.unsubscribeUrl(),
                        footer.preferencesUrl()).render(),
                footer.headers()));
    }
}
