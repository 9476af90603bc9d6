package org.newsletter.common;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import org.newsletter.subscription.RequestOrigin;

/** Reads the client's address and user agent (honouring X-Forwarded-For when the proxy config says so). */
public final class RequestOrigins {

    private RequestOrigins() {
    }

    public static RequestOrigin of(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        String ip = remote == null ? null : remote.hostAddress();
        return new RequestOrigin(ip, request.getHeader("User-Agent"));
    }
}
