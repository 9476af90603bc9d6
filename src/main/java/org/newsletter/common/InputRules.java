package org.newsletter.common;

import org.apache.commons.validator.routines.EmailValidator;

import java.net.IDN;
import java.util.Optional;
import java.util.regex.Pattern;

/** Shared rules for what people type: addresses, names. */
public final class InputRules {

    /** RFC 5321: a path is at most 256 octets including the angle brackets, so an address at most 254. */
    public static final int MAX_EMAIL = 254;
    public static final int MAX_LOCAL_PART = 64;
    public static final int MAX_NAME = 200;

    private static final EmailValidator EMAIL = EmailValidator.getInstance(false, false);
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]");

    /** Further than any list or ledger reaches, and far below where page times size would overflow. */
    static final long MAX_FIRST_ROW = 100_000_000;

    private InputRules() {
    }

    /**
     * Checks a requested page of {@code size} rows: pages start at 0 and end somewhere before the
     * hundred-millionth row (page times size must stay a number the database takes).
     */
    public static void checkPage(int page, int size) {
        if (page < 0) {
            throw new InvalidInputException("page", "Pages start at 0");
        }
        if ((long) page * size > MAX_FIRST_ROW) {
            throw new InvalidInputException("page", "Page " + page + " is beyond the end (pages hold " + size + " rows)");
        }
    }

    /**
     * The address as typed, trimmed, with an internationalized domain in its ASCII form ({@code bücher.de}
     * becomes {@code xn--bcher-kva.de}), which is what SMTP and DNS carry. Null when blank.
     */
    public static String normalizeEmail(String typed) {
        String email = trimToNull(typed);
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        if (at < 0 || isAscii(email.substring(at + 1))) {
            return email;
        }
        try {
            return email.substring(0, at + 1) + IDN.toASCII(email.substring(at + 1), IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException notADomain) {
            return email; // reported by emailProblem
        }
    }

    /** The message for an unusable address, or empty when it is fine. */
    public static Optional<String> emailProblem(String email) {
        if (email == null || email.isBlank()) {
            return Optional.of("Enter your email address");
        }
        if (email.length() > MAX_EMAIL) {
            return Optional.of("Enter a valid email address (at most " + MAX_EMAIL + " characters)");
        }
        int at = email.lastIndexOf('@');
        if (at > MAX_LOCAL_PART || CONTROL.matcher(email).find() || !EMAIL.isValid(email)) {
            return Optional.of("Enter a valid email address");
        }
        if (!isAscii(email)) {
            // the SMTP path does not negotiate SMTPUTF8: such an address would be mangled on the way out
            return Optional.of("Letters with accents or from other alphabets before the @ are not supported yet; "
                    + "please use another address");
        }
        return Optional.empty();
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    /** The message for an unusable name, or empty when it is fine (a missing name is fine). */
    public static Optional<String> nameProblem(String name) {
        if (name == null) {
            return Optional.empty();
        }
        if (name.length() > MAX_NAME) {
            return Optional.of("Keep the name under " + MAX_NAME + " characters");
        }
        if (CONTROL.matcher(name).find()) {
            return Optional.of("The name cannot contain line breaks or control characters");
        }
        return Optional.empty();
    }

    public static String trimToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
