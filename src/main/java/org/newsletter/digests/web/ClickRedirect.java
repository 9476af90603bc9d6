package org.newsletter.digests.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.newsletter.common.InvalidLinkException;
import org.newsletter.digests.DigestClicks;

import java.util.Optional;

/** {@code GET /r/{token}}: an article link of a digest; counts the click (anonymously) and sends the reader on. */
@Path("/r")
public class ClickRedirect {

    private final DigestClicks clicks;

    ClickRedirect(DigestClicks clicks) {
        this.clicks = clicks;
    }

    @GET
    @Path("{token}")
    public Response follow(@PathParam("token") String token) {
        return redirect(clicks.follow(token));
    }

    /** Scanners that only look where a link goes are answered without a count. */
    @HEAD
    @Path("{token}")
    public Response peek(@PathParam("token") String token) {
        return redirect(clicks.peek(token));
    }

    private static Response redirect(Optional<String> url) {
        return Response.status(Response.Status.FOUND).header(HttpHeaders.LOCATION, url.orElseThrow(InvalidLinkException::new))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
