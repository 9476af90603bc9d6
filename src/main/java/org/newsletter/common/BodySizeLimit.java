package org.newsletter.common;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Public endpoints take small bodies only (a signup is a few hundred bytes); the global limit is large
 * for the admin's streamed CSV imports. A declared body over the public limit is refused with 413 before
 * anything reads it.
 */
@Singleton
public class BodySizeLimit {

    static final long PUBLIC_LIMIT = 64 * 1024;
    /** A provider's event webhook may group thousands of events in one call. */
    static final long WEBHOOK_LIMIT = 4 * 1024 * 1024;

    void register(@Observes Router router) {
        router.route().order(-100).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        String path = ctx.normalizedPath();
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long limit = path.startsWith("/api/webhooks/") ? WEBHOOK_LIMIT : PUBLIC_LIMIT;
        if (method == HttpMethod.GET || path.startsWith("/api/admin/") || length == null || !tooLarge(length, limit)) {
            ctx.next();
            return;
        }
        String detail = "The request body is too large (at most " + limit / 1024 + " KiB here)";
        if (path.startsWith("/api/")) {
            ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(Json.encode(Problem.of(413, "Payload too large", detail)));
        } else {
            ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
                    .end(ErrorPages.render(413, "Too much data", detail, false));
        }
    }

    private static boolean tooLarge(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
