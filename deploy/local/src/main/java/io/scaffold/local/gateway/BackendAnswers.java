package io.scaffold.local.gateway;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

import java.util.Locale;

/**
 * What passes between the gateway and a service, beyond the bytes: the forwarded headers that tell the service which
 * address the client called (so the links it builds point at the gateway), and problem+json for every error a client
 * gets, even one the service could not write (a service that is down: 503 with {@code Retry-After}; a bare status from
 * its HTTP parser).
 */
final class BackendAnswers implements ProxyInterceptor {

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        ProxyRequest request = context.request();
        var incoming = request.proxiedRequest();
        // The gateway is the trust boundary: what a client claims in these headers is replaced, never passed on.
        request.headers().remove("Forwarded").remove("X-Forwarded-Prefix");
        String host = incoming.authority() == null ? "localhost" : incoming.authority().toString();
        request.headers().set("X-Forwarded-Host", host)
                .set("X-Forwarded-Proto", incoming.scheme() == null ? "http" : incoming.scheme())
                .set("X-Forwarded-Port", Integer.toString(incoming.authority() == null || incoming.authority().port() < 0
                        ? incoming.localAddress().port() : incoming.authority().port()))
                .set("X-Forwarded-For", incoming.remoteAddress() == null ? "" : incoming.remoteAddress().hostAddress());
        return context.sendRequest().recover(failure -> Future.succeededFuture(problem(request.response(), 503,
                "The service behind " + GatewayProblems.pathOf(incoming.uri())
                        + " is unavailable; retry in a few seconds", incoming.uri())));
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        ProxyResponse response = context.response();
        String contentType = response.headers().get("Content-Type");
        if (response.getStatusCode() >= 400 && (contentType == null
                || !contentType.toLowerCase(Locale.ROOT).startsWith(GatewayProblems.MEDIA_TYPE))) {
            String target = context.request().proxiedRequest().uri();
            int status = response.getStatusCode() == 502 ? 503 : response.getStatusCode();
            problem(response, status, status >= 500 ? "The service could not answer; retry in a few seconds"
                    : GatewayProblems.title(status) + " (answered by the service without details)", target);
        }
        return context.sendResponse();
    }

    private static ProxyResponse problem(ProxyResponse response, int status, String detail, String target) {
        Buffer body = Buffer.buffer(GatewayProblems.body(status, detail, GatewayProblems.pathOf(target), null)
                .encode());
        response.release().setStatusCode(status).setStatusMessage(GatewayProblems.title(status));
        response.headers().remove("Content-Length").remove("Transfer-Encoding")
                .set("Content-Type", GatewayProblems.MEDIA_TYPE);
        if (status == 503) {
            response.headers().set("Retry-After", GatewayProblems.RETRY_AFTER_SECONDS);
        }
        return response.setBody(Body.body(body));
    }
}
