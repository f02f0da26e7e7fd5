package io.scaffold.notifications.service;

import io.scaffold.notifications.rest.dto.NotificationView;
import io.vertx.core.http.HttpServerResponse;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How one stream writes Server-Sent Events onto its response, without a server. */
class StreamConnectionTest {

    /** A response that records what is written to it, and whose write queue is full when told so. */
    private static final class Response {
        final List<String> written = new ArrayList<>();
        boolean queueFull;
        boolean closed;
        boolean ended;

        HttpServerResponse proxy() {
            return (HttpServerResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServerResponse.class}, (self, method, args) -> switch (method.getName()) {
                        case "closed" -> closed;
                        case "ended" -> ended;
                        case "writeQueueFull" -> queueFull;
                        case "write" -> {
                            written.add((String) args[0]);
                            yield null;
                        }
                        case "reset" -> {
                            closed = true;
                            yield true;
                        }
                        case "end" -> {
                            ended = true;
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    @Test
    void eachFieldIsOnItsOwnLineAndEveryLineOfDataGetsItsOwnDataField() {
        assertThat(StreamConnection.event("7", "notification", Duration.ofSeconds(3), "{\"a\":1}"))
                .isEqualTo("id:7\nevent:notification\nretry:3000\ndata:{\"a\":1}\n\n");
        assertThat(StreamConnection.event(null, "x", null, "one\ntwo\r\nthree"))
                .isEqualTo("event:x\ndata:one\ndata:two\ndata:three\n\n");
    }

    @Test
    void theFirstUnreadCountCarriesTheStreamsPositionAsItsId() {
        Response response = new Response();
        StreamConnection connection = new StreamConnection("ann", null, response.proxy(), item -> "{}", 0);
        assertThat(connection.sendUnreadCount(2, Duration.ofSeconds(3), 41L)).isTrue();
        assertThat(connection.sendUnreadCount(3, null, null)).isTrue();
        assertThat(response.written).containsExactly("id:41\nevent:unread-count\nretry:3000\ndata:{\"unread\":2}\n\n",
                "event:unread-count\ndata:{\"unread\":3}\n\n");
        assertThat(connection.highestSent()).isEqualTo(41);
    }

    @Test
    void anItemIsSentOnceEvenWhenAReplayAndItsSignalBothBringIt() {
        Response response = new Response();
        StreamConnection connection = new StreamConnection("ann", null, response.proxy(), item -> "{}", 0);
        NotificationView item = item(5);
        assertThat(connection.sendItem(item)).isTrue();
        assertThat(connection.sendItem(item)).isTrue();
        assertThat(response.written).hasSize(1);
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedInsteadOfBufferedWithoutEnd() {
        Response response = new Response();
        StreamConnection connection = new StreamConnection("ann", null, response.proxy(), item -> "{}", 0);
        response.queueFull = true;
        assertThat(connection.sendHeartbeat()).isFalse();
        assertThat(response.closed).isTrue();
        assertThat(response.written).isEmpty();
    }

    @Test
    void nothingIsWrittenToAConnectionTheClientClosed() {
        Response response = new Response();
        StreamConnection connection = new StreamConnection("ann", null, response.proxy(), item -> "{}", 0);
        response.closed = true;
        assertThat(connection.sendItem(item(9))).isFalse();
        connection.close();
        assertThat(response.written).isEmpty();
        assertThat(response.ended).isFalse();
    }

    private static NotificationView item(long id) {
        return new NotificationView(id, null, null, null, null, null, null, null, 1, null, null, null, null, null);
    }
}
