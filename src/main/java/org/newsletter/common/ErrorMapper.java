package org.newsletter.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.newsletter.subscription.IllegalTransitionException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns every failure into an answer a person can act on: {@code application/problem+json} under
 * {@code /api}, a friendly page everywhere else. Never a stack trace, never a class name.
 */
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e, UriInfo uri) {
        return respond(uri, new Problem("about:blank", "Invalid input", 400,
                "Fix the fields named in errors and try again", e.errors()));
    }

    @ServerExceptionMapper
    public Response invalidQueryParameter(QueryNumbers.InvalidQueryParameter e, UriInfo uri) {
        return respond(uri, new Problem("about:blank", "Invalid input", 400,
                "Fix the fields named in errors and try again", List.of(new FieldError(e.name(), e.getMessage()))));
    }

    @ServerExceptionMapper
    public Response invalidLink(InvalidLinkException e, UriInfo uri) {
        return respond(uri, Problem.of(400, "Invalid link", e.getMessage()), true);
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e, UriInfo uri) {
        return respond(uri, Problem.of(409, "Conflict", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response illegalTransition(IllegalTransitionException e, UriInfo uri) {
        return respond(uri, Problem.of(409, "Conflict", e.getMessage()));
    }

    /** Not signed in, or the credentials were refused: 401 with the Basic challenge and a body saying so. */
    @ServerExceptionMapper({io.quarkus.security.UnauthorizedException.class, io.quarkus.security.AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        if (!isApi(uri)) { // pages: to the sign-in form, saying so when credentials were refused
            return Response.seeOther(java.net.URI.create(e instanceof io.quarkus.security.AuthenticationFailedException
                    ? "/admin/login/failed" : "/admin/login")).build();
        }
        return Response.fromResponse(respond(uri, Problem.of(401, "Unauthorized",
                        "Sign in: HTTP Basic with an admin account, or Authorization: Bearer with an API token")))
                .header("WWW-Authenticate", "Basic realm=\"newsletter\"").build();
    }

    /** Signed in, but the account's role does not allow this. */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        return respond(uri, Problem.of(403, "Forbidden", "Your account's role does not allow this"));
    }

    @ServerExceptionMapper
    public Response rateLimited(RateLimitedException e, UriInfo uri) {
        return Response.fromResponse(respond(uri, Problem.of(429, "Too many requests", e.getMessage())))
                .header("Retry-After", e.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(field(v), v.getMessage()))
                .sorted(java.util.Comparator.comparing(FieldError::field))
                .collect(Collectors.toList());
        return respond(uri, new Problem("about:blank", "Invalid input", 400,
                "Fix the fields named in errors and try again", errors));
    }

    private static String field(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    /** Registered for the subtype too, since Quarkus ships its own (body-less) mapper for it. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        String detail = "The body is not valid JSON";
        String field = "body";
        if (e instanceof UnrecognizedPropertyException u) {
            field = u.getPropertyName();
            detail = "Unknown field '" + u.getPropertyName() + "'";
        } else if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            MismatchedInputException m = (MismatchedInputException) e;
            field = m.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                    .collect(Collectors.joining("."));
            field = field.isEmpty() ? "body" : field;
            detail = field.equals("body") ? "The body must be a JSON object" : "'" + field + "' has the wrong type";
            if (e.getCause() instanceof IllegalArgumentException iae && iae.getMessage() != null) {
                detail = iae.getMessage();
            }
        }
        return respond(uri, new Problem("about:blank", "Malformed request", 400, detail,
                List.of(new FieldError(field, detail))));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status < 400) {
            return e.getResponse();
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "Nothing is here";
            case 405 -> "This method is not allowed here";
            case 413 -> "The request body is too large";
            case 415 -> "Unsupported content type; send " + (isApi(uri) ? "application/json" : "a form");
            case 406 -> "Cannot answer in the requested format";
            case 401 -> "Sign in first";
            case 403 -> "You are not allowed to do this";
            default -> e.getMessage() == null || status >= 500 ? title : e.getMessage();
        };
        Response response = respond(uri, Problem.of(status, title, detail));
        if (status == 401 && e.getResponse().getHeaderString("WWW-Authenticate") != null) {
            return Response.fromResponse(response).header("WWW-Authenticate", e.getResponse().getHeaderString("WWW-Authenticate")).build();
        }
        return response;
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 100)
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.error("Unexpected failure on " + uri.getPath(), e);
        return respond(uri, Problem.of(500, "Internal error", "Something went wrong on our side; try again later"));
    }

    static boolean isApi(UriInfo uri) {
        String path = uri.getPath();
        return path.startsWith("/api/") || path.equals("/api");
    }

    private static Response respond(UriInfo uri, Problem problem) {
        return respond(uri, problem, false);
    }

    private static Response respond(UriInfo uri, Problem problem, boolean offerSignup) {
        if (isApi(uri)) {
            return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
        }
        String message = problem.errors() != null && !problem.errors().isEmpty()
                ? problem.errors().get(0).message() : problem.detail();
        return Response.status(problem.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(ErrorPages.render(problem.status(), problem.title(), message, offerSignup)).build();
    }
}
