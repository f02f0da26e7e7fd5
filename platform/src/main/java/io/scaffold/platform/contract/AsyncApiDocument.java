package io.scaffold.platform.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves the service's AsyncAPI document at {@code /q/asyncapi} (YAML; JSON with {@code ?format=json} or
 * {@code Accept: application/json}), next to its OpenAPI document. The document is the self-contained bundle in
 * {@value #RESOURCE}, which a test regenerates from the authored document and the producers' schema files.
 */
@ApplicationScoped
public class AsyncApiDocument {
    public static final String RESOURCE = "META-INF/scaffold/asyncapi.yaml";
    public static final String PATH = "/q/asyncapi";

    private volatile String yaml;
    private volatile String json;

    void install(@Observes Router router) {
        router.get(PATH).handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        String format = ctx.request().getParam("format");
        String accept = ctx.request().getHeader("Accept");
        boolean asJson = "json".equalsIgnoreCase(format)
                || (format == null && accept != null && accept.contains("application/json"));
        String document = yaml();
        if (document == null) {
            ctx.response().setStatusCode(404).putHeader("Content-Type", "application/problem+json")
                    .end("{\"type\":\"urn:scaffold:problem:not-found\",\"title\":\"Not found\",\"status\":404,"
                            + "\"detail\":\"This service has no AsyncAPI document\",\"instance\":\"" + PATH + "\"}");
            return;
        }
        ctx.response().putHeader("Content-Type", asJson ? "application/json" : "application/yaml;charset=UTF-8")
                .end(asJson ? json() : document);
    }

    private String yaml() {
        if (yaml == null) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
                yaml = in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return yaml;
    }

    private String json() {
        if (json == null) {
            try {
                json = new ObjectMapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(new YAMLMapper().readTree(yaml()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return json;
    }
}
