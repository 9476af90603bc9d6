package org.newsletter.support;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the SMTP server received, per recipient. Each test uses its own addresses. */
public class Mailbox {

    private final GreenMail greenMail;

    Mailbox(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /** The port the SMTP server listens on, for engines a test starts itself. */
    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    /** Messages to the address with exactly this subject. */
    public List<MimeMessage> messagesTo(String address, String subject) {
        return messagesTo(address).stream().filter(m -> subject.equals(subject(m))).toList();
    }

    public List<MimeMessage> messagesTo(String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    /** Waits until at least {@code count} messages reached the address, and returns them all. */
    public List<MimeMessage> await(String address, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<MimeMessage> found = messagesTo(address);
        while (found.size() < count && System.nanoTime() < deadline) {
            sleep(50);
            found = messagesTo(address);
        }
        if (found.size() < count) {
            throw new AssertionError("Expected " + count + " message(s) to " + address + ", got " + found.size());
        }
        return found;
    }

    /** Lets the worker run for a while, then returns what arrived: for asserting that no more mail came. */
    public List<MimeMessage> settle(String address, Duration wait) {
        sleep(wait.toMillis());
        return messagesTo(address);
    }

    public static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String header(MimeMessage m, String name) {
        try {
            return m.getHeader(name, ",");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The part of a multipart/alternative message with the given type, e.g. "text/plain". */
    public static String part(MimeMessage m, String type) {
        try {
            MimeMultipart multipart = (MimeMultipart) m.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType(type)) {
                    return part.getContent().toString();
                }
            }
            return null;
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first link in the text part that starts with the given prefix. */
    public static String link(MimeMessage m, String prefix) {
        Matcher matcher = Pattern.compile(Pattern.quote(prefix) + "[A-Za-z0-9_\\-.]+").matcher(part(m, "text/plain"));
        if (!matcher.find()) {
            throw new AssertionError("No link starting with " + prefix + " in the text part");
        }
        return matcher.group();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
