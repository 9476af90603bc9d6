package org.newsletter.subscription.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.newsletter.common.ErrorPages;
import org.newsletter.common.InvalidLinkException;
import org.newsletter.common.RequestOrigins;
import org.newsletter.subscription.ConsentSource;
import org.newsletter.subscription.SubscriptionService;

import java.util.List;

/**
 * {@code POST /unsubscribe/{token}}: unsubscribes at once and answers 200 with a page, never a redirect.
 * Accepts RFC 8058's {@code List-Unsubscribe=One-Click} as urlencoded or multipart form, with no cookie and
 * no CSRF token: the signed, list-scoped token in the URL is the authorization. Served as a Vert.x route
 * ahead of the REST layer so that the form CSRF filter (right for every other form) does not refuse it.
 */
@Singleton
public class OneClickUnsubscribeRoute {

    private static final Logger LOG = Logger.getLogger(OneClickUnsubscribeRoute.class);
    private static final String HTML = "text/html;charset=UTF-8";

    private final SubscriptionService subscriptions;

    OneClickUnsubscribeRoute(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    void register(@Observes Router router) {
        router.post("/unsubscribe/:token").order(-10)
                .handler(BodyHandler.create(false).setBodyLimit(16 * 1024).setHandleFileUploads(false))
                .blockingHandler(this::handle, false);
    }

    private void handle(RoutingContext ctx) {
        String token = ctx.pathParam("token");
        boolean oneClick = "One-Click".equals(ctx.request().getFormAttribute("List-Unsubscribe"));
        try {
            List<String> lists = subscriptions.unsubscribe(token, oneClick ? ConsentSource.ONE_CLICK : ConsentSource.LINK,
                    RequestOrigins.of(ctx.request()));
            respond(ctx, 200, UnsubscribePage.done(lists));
        } catch (InvalidLinkException e) {
            respond(ctx, 400, ErrorPages.render(400, "Invalid link", e.getMessage(), true));
        } catch (RuntimeException e) {
            LOG.error("Unsubscribe failed", e);
            respond(ctx, 500, ErrorPages.render(500, "Something went wrong",
                    "We could not process this right now; please try again in a minute.", false));
        }
    }

    private static void respond(RoutingContext ctx, int status, String html) {
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, HTML)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end(html);
    }
}
