package org.newsletter.common;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The friendly page a browser gets instead of a bare error. */
public final class ErrorPages {

    private ErrorPages() {
    }

    @CheckedTemplate(basePath = "errors")
    static class Templates {
        static native TemplateInstance error(int status, String title, String message, boolean offerSignup);
    }

    public static String render(int status, String title, String message, boolean offerSignup) {
        return Templates.error(status, title, message, offerSignup).render();
    }
}
