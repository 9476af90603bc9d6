package org.newsletter.admin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.newsletter.common.Problem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Slows password guessing on the admin API: every request whose credentials were refused (401) spends a
 * token from its account's and its client address's allowance; once either is spent, requests with
 * credentials are answered 429 with {@code Retry-After} before the credentials are even checked.
 * Allowances refill over 15 minutes. Per instance.
 */
@Singleton
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);
    static final int FAILURES_PER_ACCOUNT = 10;
    static final int FAILURES_PER_ADDRESS = 30;
    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(WINDOW).build();

    void register(@Observes Router router) {
        router.route("/api/admin/*").order(-50).handler(this::filter);
        router.post("/j_security_check").order(Integer.MIN_VALUE + 100).handler(this::filterSignInForm);
    }

    /**
     * The sign-in form: the account is only known once the form mechanism has read the body, so a
     * refused attempt is counted afterwards, and a correct password for an account that is over its
     * allowance is answered like a refused one (no session cookie) until the allowance refills.
     */
    private void filterSignInForm(RoutingContext ctx) {
        String address = address(ctx);
        Bucket byAddress = bucket(address, FAILURES_PER_ADDRESS);
        if (byAddress.getAvailableTokens() <= 0) {
            ctx.response().setStatusCode(429).putHeader("Retry-After", String.valueOf(WINDOW.toSeconds() / FAILURES_PER_ADDRESS))
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
                    .end(org.newsletter.common.ErrorPages.render(429, "Too many failed sign-ins",
                            "Too many refused sign-ins from this address; wait a few minutes and try again.", false));
            return;
        }
        ctx.addHeadersEndHandler(v -> {
            String user = ctx.request().getFormAttribute("j_username");
            Bucket byAccount = bucket("user:" + (user == null ? "" : user.strip()), FAILURES_PER_ACCOUNT);
            String location = ctx.response().headers().get(HttpHeaders.LOCATION);
            boolean refused = location != null && location.contains("/admin/login/failed");
            if (refused) {
                byAccount.tryConsume(1);
                byAddress.tryConsume(1);
            } else if (byAccount.getAvailableTokens() <= 0) {
                ctx.response().removeCookie(org.newsletter.admin.web.SessionCookie.NAME, false);
                ctx.response().headers().remove(HttpHeaders.SET_COOKIE);
                ctx.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, "/admin/login/failed");
            }
        });
        ctx.next();
    }

    private void filter(RoutingContext ctx) {
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            ctx.next();
            return;
        }
        String address = address(ctx);
        String account = "user:" + basicUser(authorization);
        Bucket byAccount = bucket(account, FAILURES_PER_ACCOUNT);
        Bucket byAddress = bucket(address, FAILURES_PER_ADDRESS);
        if (byAccount.getAvailableTokens() <= 0 || byAddress.getAvailableTokens() <= 0) {
            long wait = Math.max(1, WINDOW.toSeconds() / Math.min(FAILURES_PER_ACCOUNT, FAILURES_PER_ADDRESS));
            ctx.response().setStatusCode(429).putHeader("Retry-After", String.valueOf(wait))
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(Json.encode(Problem.of(429, "Too many failed sign-ins",
                            "Too many refused credentials for this account or from this address; try again in " + wait + " s")));
            return;
        }
        ctx.addHeadersEndHandler(v -> {
            if (ctx.response().getStatusCode() == 401) {
                byAccount.tryConsume(1);
                byAddress.tryConsume(1);
                LOG.debugf("Refused admin credentials from %s", address);
            }
        });
        ctx.next();
    }

    private static String address(RoutingContext ctx) {
        String ip = org.newsletter.common.RequestOrigins.of(ctx.request()).ipAddress();
        return "ip:" + (ip == null ? "unknown" : ip);
    }

    private Bucket bucket(String key, int failures) {
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(failures).refillGreedy(failures, WINDOW).build()).build());
    }

    /** The user name of a Basic header, or the scheme (all bearer tokens share one allowance per address). */
    static String basicUser(String authorization) {
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return "(bearer)";
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return "(malformed)";
        }
    }
}
