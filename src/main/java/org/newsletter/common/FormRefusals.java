package org.newsletter.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The CSRF filter refuses a form post without a valid token (a page left open past its cookie, cookies
 * blocked, a post from another site) with a bare 400. This says what happened and what to do: a friendly
 * page for the browser, a problem body under {@code /api}.
 */
public class FormRefusals {

    static final String EXPIRED = "This form has expired or your browser did not send the cookie that goes with it."
            + " Go back, reload the page and try again.";

    @ServerResponseFilter
    public void explain(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() != 400 || response.hasEntity() || !"POST".equals(request.getMethod())
                || !isForm(request.getMediaType())) {
            return;
        }
        if (request.getUriInfo().getPath().startsWith("/api/")) {
            response.setEntity(Problem.of(400, "Missing CSRF token",
                            "A form-encoded post here needs the CSRF token of a page of this service; send JSON instead"),
                    null, MediaType.valueOf(Problem.MEDIA_TYPE));
        } else {
            response.setEntity(ErrorPages.render(400, "Please try again", EXPIRED, false), null,
                    MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        }
    }

    private static boolean isForm(MediaType type) {
        return type != null && (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE));
    }
}
