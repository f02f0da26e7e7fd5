package io.scaffold.notifications;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A real HTTP receiver of webhooks in the test JVM: records every request it gets and answers as the test says
 * (by the number of the request, from 1), and can be down for a while on the same port.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as received: its headers (lower case) and body. */
    public record Received(Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** An answer: status, and how long to wait before giving it. */
    public record Answer(int status, long delayMillis) {
        public static Answer status(int status) {
            return new Answer(status, 0);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile IntFunction<Answer> answers = n -> Answer.status(204);
    private final int port;
    private HttpServer server;

    public WebhookReceiver() {
        start(0);
        port = server.getAddress().getPort();
    }

    public String url() {
        return "http://localhost:" + port + "/hooks/scaffold";
    }

    public void answer(IntFunction<Answer> answers) {
        this.answers = answers;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Stops listening: connections are refused until {@link #up()}. */
    public void down() {
        server.stop(0);
    }

    public void up() {
        start(port);
    }

    private void start(int onPort) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            Map<String, List<String>> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Answer answer = answers.apply(requests.incrementAndGet());
            received.add(new Received(headers, body));
            try {
                Thread.sleep(answer.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                byte[] text = ("answer " + answer.status()).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer.status(), answer.status() == 204 ? -1 : text.length);
                if (answer.status() != 204) {
                    exchange.getResponseBody().write(text);
                }
            } catch (IOException ignored) {
                // the sender gave up waiting (a timeout being tested)
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
