package org.newsletter.common;

import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Public endpoints take small bodies only (a signup is a few hundred bytes); the global limit is large
 * for the admin's CSV imports (streamed through the API, or uploaded on a list's page). A declared body over the public limit is refused with 413 before
 * anything reads it.
 */
@Singleton
public class BodySizeLimit {

    static final long PUBLIC_LIMIT = 64 * 1024;
    /** A provider's event webhook may group thousands of events in one call. */
    static final long WEBHOOK_LIMIT = 4 * 1024 * 1024;

    /** A body without a declared length (chunked) is read here, up to the limit, before anything else sees it. */
    private final BodyHandler chunkedPublic = BodyHandler.create(false).setBodyLimit(PUBLIC_LIMIT);
    private final BodyHandler chunkedWebhook = BodyHandler.create(false).setBodyLimit(WEBHOOK_LIMIT);

    void register(@Observes Router router) {
        router.route().order(-100).handler(this::check).failureHandler(this::refuse);
    }

    private void check(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        String path = ctx.normalizedPath();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || isAdmin(path)) {
            ctx.next();
            return;
        }
        boolean webhook = path.startsWith("/api/webhooks/");
        long limit = webhook ? WEBHOOK_LIMIT : PUBLIC_LIMIT;
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null && isChunked(ctx)) {
            (webhook ? chunkedWebhook : chunkedPublic).handle(ctx);
        } else if (length == null || !tooLarge(length, limit)) {
            ctx.next();
        } else {
            tooLarge(ctx, limit);
        }
    }

    /** The admin API and pages (signed in): CSV imports go there, by API or uploaded through the list page. */
    private static boolean isAdmin(String path) {
        return path.startsWith("/api/admin/") || path.startsWith("/admin/");
    }

    private static boolean isChunked(RoutingContext ctx) {
        String encoding = ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING);
        return encoding != null || ctx.request().version() == io.vertx.core.http.HttpVersion.HTTP_2;
    }

    /**
     * Failures while reading a chunked public body: too large as a whole (413) or in one form field, which
     * is refused the same way; a client hanging up after its refusal needs no further answer.
     */
    private void refuse(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        Throwable failure = ctx.failure();
        if (isAdmin(path)) {
            ctx.next();
        } else if (ctx.response().ended()) {
            // the refusal is out: what the rest of the refused body still causes needs no answer
            if (!(failure instanceof io.vertx.core.http.HttpClosedException || tooLong(ctx, failure))) {
                ctx.next();
            }
        } else if (tooLong(ctx, failure)) {
            tooLarge(ctx, path.startsWith("/api/webhooks/") ? WEBHOOK_LIMIT : PUBLIC_LIMIT);
        } else {
            ctx.next();
        }
    }

    /** Too large as a whole, in one form field (the decoder's own limit) or in the number of fields. */
    private static boolean tooLong(RoutingContext ctx, Throwable failure) {
        if (ctx.statusCode() == 413) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpPostRequestDecoder.TooLongFormFieldException
                    || t instanceof HttpPostRequestDecoder.TooManyFormFieldsException
                    || t instanceof java.io.IOException && String.valueOf(t.getMessage()).contains("exceed allowed maximum")) {
                return true;
            }
        }
        return false;
    }

    private static void tooLarge(RoutingContext ctx, long limit) {
        String path = ctx.normalizedPath();
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
