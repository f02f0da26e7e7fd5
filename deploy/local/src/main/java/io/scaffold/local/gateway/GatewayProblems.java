package io.scaffold.local.gateway;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The gateway's own answers, as RFC 9457 problem+json like every service's. */
final class GatewayProblems {
    static final String MEDIA_TYPE = "application/problem+json";
    static final String RETRY_AFTER_SECONDS = "5";

    private GatewayProblems() {
    }

    /** The problem type slug for a status, the same names the services use. */
    static String slug(int status) {
        return switch (status) {
            case 400 -> "validation";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 412 -> "precondition-failed";
            case 413 -> "content-too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 422 -> "unprocessable";
            case 428 -> "precondition-required";
            case 429 -> "too-many-requests";
            case 431 -> "headers-too-large";
            case 502 -> "bad-gateway";
            case 503 -> "unavailable";
            case 504 -> "gateway-timeout";
            default -> status >= 500 ? "internal" : "validation";
        };
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Invalid request";
            case 401 -> "Authentication required";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 413 -> "Content too large";
            case 414 -> "URI too long";
            case 415 -> "Unsupported media type";
            case 429 -> "Too many requests";
            case 431 -> "Request header fields too large";
            case 502 -> "Bad gateway";
            case 503 -> "Service unavailable";
            case 504 -> "Gateway timeout";
            default -> status >= 500 ? "Internal error" : "Request refused";
        };
    }

    static JsonObject body(int status, String detail, String instance, JsonArray errors) {
        JsonObject problem = new JsonObject()
                .put("type", "urn:scaffold:problem:" + slug(status))
                .put("title", title(status))
                .put("status", status)
                .put("detail", detail)
                .put("instance", instance.length() > 256 ? instance.substring(0, 256) : instance);
        if (errors != null && !errors.isEmpty()) {
            problem.put("errors", errors);
        }
        return problem;
    }

    static void send(RoutingContext ctx, int status, String detail) {
        send(ctx, status, detail, null);
    }

    static void send(RoutingContext ctx, int status, String detail, JsonArray errors) {
        send(ctx.request(), status, detail, errors);
    }

    static void send(HttpServerRequest request, int status, String detail, JsonArray errors) {
        HttpServerResponse response = request.response();
        if (response.headWritten()) {
            response.reset();
            return;
        }
        if (status == 503) {
            response.putHeader("Retry-After", RETRY_AFTER_SECONDS);
        }
        response.setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE)
                .end(body(status, detail, pathOf(request.uri()), errors).encode());
    }

    static JsonArray field(String field, String message) {
        return new JsonArray().add(new JsonObject().put("field", field).put("message", message));
    }

    static String pathOf(String target) {
        int query = target.indexOf('?');
        return (query < 0 ? target : target.substring(0, query)).replace("\u0000", "");
    }
}
