package io.scaffold.journeys;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerRequest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * The same-job baseline of the inbox reads for {@link InboxAtScaleBenchmark}: {@code GET /api/notifications} (first
 * page, {@code status=unread}, {@code cursor}) and {@code GET /api/notifications/unread-count} written with the least
 * code, in a JVM of its own started with the services' options, on notifications-service's own database. A Vert.x HTTP
 * server hands each read to a worker thread, which verifies the bearer token and runs the statement the service runs
 * (the inbox index, newest first; the unread counter) on its own JDBC connection, and answers the same JSON fields.
 *
 * <p>What it leaves out is what the service adds beyond the job: parameter validation and problem+json answers, the
 * caller's claims recorded, the ORM's entities, tracing, metrics.
 *
 * <p>Arguments: JDBC URL, user, password, public key file (PEM), issuer, audience. Prints its port once listening.
 */
public final class SameJobInboxServer {
    private static final int DEFAULT_PAGE = 20;
    private static final String COLUMNS = "id, kind, title, body, link, subject_id, community_id, urgency,"
            + " event_count, status, created_at, updated_at, read_at, source_event_id";

    private final BaselineTokens tokens;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final ObjectMapper json = new ObjectMapper();
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();

    private SameJobInboxServer(String[] args) throws Exception {
        jdbcUrl = args[0];
        user = args[1];
        password = args[2];
        tokens = new BaselineTokens(Path.of(args[3]), args[4], args[5]);
    }

    public static void main(String[] args) throws Exception {
        SameJobInboxServer server = new SameJobInboxServer(args);
        Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(20)); // Quarkus' default worker count
        int port = vertx.createHttpServer().requestHandler(request -> vertx.executeBlocking(() -> server.read(request),
                false).onComplete(done -> {
                    Answer answer = done.succeeded() ? done.result()
                            : new Answer(500, "{\"title\":\"Internal error\"}");
                    request.response().setStatusCode(answer.status()).putHeader("Content-Type", "application/json")
                            .end(answer.json());
                })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
                .actualPort();
        System.out.println("listening on " + port);
        System.out.flush();
    }

    record Answer(int status, String json) {
    }

    Answer read(HttpServerRequest request) throws Exception {
        String person = tokens.subjectOf(request.getHeader("Authorization"));
        if (person == null) {
            return new Answer(401, "{\"title\":\"Sign in\"}");
        }
        Connection db = connection();
        if (request.path().equals("/api/notifications/unread-count")) {
            try (PreparedStatement count = db.prepareStatement("SELECT unread FROM unread_counter WHERE user_id = ?")) {
                count.setString(1, person);
                try (ResultSet row = count.executeQuery()) {
                    return new Answer(200, "{\"unread\":" + (row.next() ? row.getLong(1) : 0) + "}");
                }
            }
        }
        if (!request.path().equals("/api/notifications")) {
            return new Answer(404, "{\"title\":\"Not found\"}");
        }
        String status = "unread".equals(request.getParam("status")) ? "UNREAD" : null;
        String cursor = request.getParam("cursor");
        Long before = cursor == null ? null
                : Long.valueOf(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        int size = request.getParam("limit") == null ? DEFAULT_PAGE : Integer.parseInt(request.getParam("limit"));
        // bound parameters, as the ORM sends them
        try (PreparedStatement page = db.prepareStatement("SELECT " + COLUMNS + " FROM notification WHERE user_id = ?"
                + (status == null ? "" : " AND status = ?") + (before == null ? "" : " AND id < ?")
                + " ORDER BY id DESC NULLS LAST LIMIT ?")) {
            int parameter = 1;
            page.setString(parameter++, person);
            if (status != null) {
                page.setString(parameter++, status);
            }
            if (before != null) {
                page.setLong(parameter++, before);
            }
            page.setInt(parameter, size + 1);
            ObjectNode body = json.createObjectNode();
            ArrayNode items = body.putArray("items");
            long last = 0;
            boolean more = false;
            try (ResultSet row = page.executeQuery()) {
                while (row.next()) {
                    if (items.size() == size) {
                        more = true;
                        break;
                    }
                    last = row.getLong(1);
                    items.addObject().put("id", last).put("kind", row.getString(2)).put("title", row.getString(3))
                            .put("body", row.getString(4)).put("link", row.getString(5))
                            .put("subjectId", row.getString(6)).put("communityId", row.getString(7))
                            .put("urgency", row.getString(8)).put("count", row.getInt(9))
                            .put("status", row.getString(10)).put("createdAt", instant(row.getTimestamp(11)))
                            .put("updatedAt", instant(row.getTimestamp(12)))
                            .put("readAt", instant(row.getTimestamp(13)))
                            .put("eventId", row.getString(14));
                }
            }
            body.put("nextCursor", more ? Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Long.toString(last).getBytes(StandardCharsets.UTF_8)) : null);
            return new Answer(200, json.writeValueAsString(body));
        }
    }

    private static String instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().toString();
    }

    /** One connection per worker thread, kept: what a pool gives a thread under steady load. */
    private Connection connection() throws SQLException {
        Connection connection = connections.get();
        if (connection == null) {
            connection = DriverManager.getConnection(jdbcUrl, user, password);
            connection.setAutoCommit(true);
            connections.set(connection);
        }
        return connection;
    }
}
