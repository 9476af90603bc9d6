package org.newsletter.admin.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.newsletter.common.ErrorPages;

import java.net.URI;
import java.util.Set;

/**
 * Login CSRF defence for the sign-in form, which Quarkus' form authentication handles before any of our
 * code and so carries no CSRF token: a sign-in posted from another site is refused. Browsers say where a
 * form post comes from ({@code Sec-Fetch-Site}, and {@code Origin} on every POST); a post that says it
 * comes from elsewhere gets a 403. Clients that send neither (scripts) are not browsers and cannot be
 * made to post by another site.
 */
@Singleton
public class SignInOrigin {

    static final String SIGN_IN_POST = "/j_security_check";
    private static final Set<String> FROM_HERE = Set.of("same-origin", "none");

    void register(@Observes Router router) {
        // before the authentication handler, which takes the sign-in post right after the body is read;
        // only headers are needed here
        router.post(SIGN_IN_POST).order(Integer.MIN_VALUE + 1).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        if (ctx.request().method() != HttpMethod.POST || fromHere(ctx)) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
                .end(ErrorPages.render(403, "Sign in from this site",
                        "This sign-in was sent from another site, so it was refused. Open the sign-in page here and try again.",
                        false));
    }

    private static boolean fromHere(RoutingContext ctx) {
        String fetchSite = ctx.request().getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            return FROM_HERE.contains(fetchSite.strip().toLowerCase());
        }
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return true;
        }
        String host = ctx.request().getHeader(HttpHeaders.HOST);
        try {
            URI from = URI.create(origin.strip());
            String authority = from.getPort() < 0 ? from.getHost() : from.getHost() + ":" + from.getPort();
            return host != null && from.getHost() != null && (authority.equalsIgnoreCase(host)
                    || from.getHost().equalsIgnoreCase(host) && from.getPort() < 0);
        } catch (IllegalArgumentException e) {
            return false; // "null" or garbage: an opaque origin is never this site
        }
    }
}
