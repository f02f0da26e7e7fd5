package io.scaffold.journeys;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The least a live stream can be, for the memory baseline of {@link LiveStreamBenchmark}: a Vert.x HTTP server whose
 * one handler answers {@code text/event-stream}, sends one event and keeps the response open, in a JVM of its own
 * started with the services' options. Prints its port once listening.
 */
public final class BareSseServer {
    private BareSseServer() {
    }

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        Set<HttpServerResponse> open = ConcurrentHashMap.newKeySet();
        int port = vertx.createHttpServer().requestHandler(request -> {
            HttpServerResponse response = request.response().setChunked(true)
                    .putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-store");
            open.add(response);
            response.closeHandler(v -> open.remove(response));
            response.write("event: unread-count\ndata: {\"unread\":0}\n\n");
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).actualPort();
        System.out.println("listening on " + port);
        System.out.flush();
    }
}
