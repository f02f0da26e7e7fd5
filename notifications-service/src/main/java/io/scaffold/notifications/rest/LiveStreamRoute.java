package io.scaffold.notifications.rest;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.scaffold.notifications.service.LiveStreams;
import io.scaffold.notifications.service.StreamConnection;
import io.scaffold.notifications.service.StreamTickets;
import io.scaffold.platform.problem.ApiProblem;
import io.scaffold.platform.problem.FieldError;
import io.scaffold.platform.problem.ProblemType;
import io.scaffold.platform.problem.RouteProblems;
import io.scaffold.platform.security.BearerTokens;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/notifications/stream}, the live stream, served on the HTTP router rather than as a REST resource:
 * an open stream then holds its connection and little else (a REST request keeps its whole request context, its
 * security pipeline and their captured contexts for as long as the stream is open). The route does what the REST
 * layer did for it, and no less: the caller is whoever a verified bearer token (or a stream ticket) names, their
 * claims are recorded as on any API call, every refusal is problem+json. Its OpenAPI description is in
 * {@code META-INF/openapi.yaml}.
 */
@ApplicationScoped
public class LiveStreamRoute {
    public static final String PATH = "/api/notifications/stream";
    private static final String EVENT_STREAM = "text/event-stream";
    private static final String ALLOWED = "GET, HEAD, OPTIONS";

    private final LiveStreams streams;
    private final StreamTickets tickets;
    private final BearerTokens tokens;

    public LiveStreamRoute(LiveStreams streams, StreamTickets tickets, BearerTokens tokens) {
        this.streams = streams;
        this.tickets = tickets;
        this.tokens = tokens;
    }

    void install(@Observes Router router) {
        // after the platform's raw-request guards, CORS and request ids; before the REST layer
        router.route(PATH).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::handle);
    }

    /** Who opens the stream: a bearer token's subject, or a redeemed ticket's user (and its hash, for resumes). */
    private record Caller(String userId, String ticketHash) {
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpMethod method = request.method();
        if (method == HttpMethod.OPTIONS) {
            ctx.response().putHeader("Allow", ALLOWED).end();
            return;
        }
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            ctx.response().putHeader("Allow", ALLOWED);
            RouteProblems.send(ctx, ProblemType.METHOD_NOT_ALLOWED, method.name()
                    + " is not allowed here; GET opens the stream", List.of());
            return;
        }
        if (!acceptsEventStream(String.join(",", request.headers().getAll("Accept")))) {
            RouteProblems.send(ctx, ProblemType.NOT_ACCEPTABLE, "The stream is only sent as " + EVENT_STREAM
                    + "; send Accept: " + EVENT_STREAM + " (or none)", List.of());
            return;
        }
        String ticket;
        String lastEventIdParam;
        try {
            ticket = request.getParam("ticket");
            lastEventIdParam = request.getParam("lastEventId");
        } catch (IllegalArgumentException undecodable) {
            RouteProblems.send(ctx, ProblemType.VALIDATION, "query: is not a valid query string",
                    List.of(new FieldError("query", "is not a valid query string")));
            return;
        }
        String lastEventIdHeader = request.getHeader("Last-Event-ID");
        Long lastEventId;
        try {
            lastEventId = lastEventId(lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParam);
        } catch (ApiProblem invalid) {
            RouteProblems.send(ctx, invalid);
            return;
        }
        // A browser's own reconnect sends Last-Event-ID to the same URL: with it, a used ticket resumes its stream.
        boolean resuming = lastEventIdHeader != null && !lastEventIdHeader.isBlank();
        String authorization = request.getHeader("Authorization");
        boolean head = method == HttpMethod.HEAD;
        ctx.vertx().executeBlocking(() -> identify(ticket, resuming, authorization, head), false)
                .onComplete(identified -> {
                    if (ctx.response().closed()) {
                        return; // the client left while it was being identified
                    }
                    if (identified.failed()) {
                        RouteProblems.send(ctx, identified.cause());
                        return;
                    }
                    forgetCredentials(ctx);
                    if (head) {
                        StreamConnection.prepare(ctx.response()).end();
                        return;
                    }
                    Caller caller = identified.result();
                    try {
                        StreamConnection stream = streams.open(caller.userId(), caller.ticketHash(), ctx.response(),
                                lastEventId);
                        ctx.addEndHandler(ended -> streams.gone(stream));
                    } catch (RuntimeException failure) {
                        RouteProblems.send(ctx, failure);
                    }
                });
    }

    /**
     * Runs on a worker thread: the ticket is redeemed in the database (only checked for a HEAD, which spends none),
     * and a new caller's claims are recorded.
     */
    private Caller identify(String ticket, boolean resuming, String authorization, boolean head) {
        if (ticket != null && !ticket.isBlank()) {
            if (head) {
                return new Caller(tickets.holder(ticket.strip(), resuming), null);
            }
            StreamTickets.Redeemed redeemed = tickets.redeem(ticket.strip(), resuming);
            return new Caller(redeemed.userId(), redeemed.ticketHash());
        }
        return new Caller(tokens.caller(authorization), null);
    }

    /**
     * An open stream needs its caller's id and nothing else of how they signed in: it does not keep their token, nor
     * the HTTP layer's lazy security pipeline (never used here), for the hours it may stay open.
     */
    private static void forgetCredentials(RoutingContext ctx) {
        ctx.request().headers().remove("Authorization");
        ctx.remove(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
    }

    /**
     * No Accept, or one whose most specific range covering the event stream ({@code text/event-stream}, else
     * {@code text/*}, else {@code *}{@code /*}) gives it a weight above zero (RFC 9110, 12.5.1).
     */
    static boolean acceptsEventStream(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        int bestSpecificity = -1;
        double weight = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            int specificity = switch (parts[0].strip().toLowerCase(Locale.ROOT)) {
                case EVENT_STREAM -> 2;
                case "text/*" -> 1;
                case "*/*" -> 0;
                default -> -1;
            };
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                weight = weight(parts);
            }
        }
        return bestSpecificity >= 0 && weight > 0;
    }

    private static double weight(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].strip();
            if (parameter.regionMatches(true, 0, "q=", 0, 2)) {
                try {
                    return Double.parseDouble(parameter.substring(2).strip());
                } catch (NumberFormatException e) {
                    return 0; // an unreadable weight allows nothing
                }
            }
        }
        return 1;
    }

    private static Long lastEventId(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(raw.strip());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiProblem.invalid("Last-Event-ID", "must be the id of an event this stream sent");
    }
}
