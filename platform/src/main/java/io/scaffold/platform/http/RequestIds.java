package io.scaffold.platform.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Puts the request id the gateway sends ({@code X-Request-Id}; one is made up when a caller comes without it) into
 * the logging context, so every log line the request causes in this service names it (text and JSON logs alike, next
 * to the trace and span ids).
 */
@ApplicationScoped
public class RequestIds {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(RequestIds::tag);
    }

    static void tag(RoutingContext ctx) {
        String id = ctx.request().getHeader(HEADER);
        if (id == null || id.isBlank() || id.length() > 200) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            id = new UUID(random.nextLong(), random.nextLong()).toString();
        }
        MDC.put(MDC_KEY, id);
        ctx.addEndHandler(done -> MDC.remove(MDC_KEY));
        ctx.next();
    }
}
