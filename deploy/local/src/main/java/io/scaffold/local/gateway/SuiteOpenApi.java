package io.scaffold.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The suite's OpenAPI document as a client sees it through the gateway: every service's document, read from the
 * service at each call, merged into one (paths under their prefixes, shared components once, the gateway as server).
 * Two services' components that share a name but differ are kept apart under the service's name.
 */
final class SuiteOpenApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    private SuiteOpenApi() {
    }

    static void serve(RoutingContext ctx, HttpClient client, Map<String, Integer> backends) {
        List<String> names = new ArrayList<>(new TreeMap<>(backends).keySet());
        List<Future<JsonNode>> documents = names.stream().map(name -> client
                .request(HttpMethod.GET, backends.get(name), "localhost", "/q/openapi?format=json")
                .compose(request -> request.setTimeout(5000).send())
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture(name + " answered " + response.statusCode()))
                .map(body -> {
                    try {
                        return JSON.readTree(body.getBytes());
                    } catch (IOException e) {
                        throw new IllegalStateException(name + " served an unreadable OpenAPI document", e);
                    }
                })).toList();
        Future.all(new ArrayList<>(documents)).onComplete(done -> {
            if (done.failed()) {
                GatewayProblems.send(ctx, 503, "The suite's OpenAPI document needs every service: "
                        + done.cause().getMessage());
                return;
            }
            List<JsonNode> loaded = documents.stream().map(Future::result).toList();
            JsonNode merged = merge(names, loaded);
            boolean yaml = "yaml".equalsIgnoreCase(ctx.request().getParam("format"))
                    || (ctx.request().getParam("format") == null && accepts(ctx, "yaml"));
            try {
                ctx.response().putHeader("Content-Type", yaml ? "application/yaml;charset=UTF-8" : "application/json")
                        .end(yaml ? YAML.writeValueAsString(merged) : JSON.writerWithDefaultPrettyPrinter()
                                .writeValueAsString(merged));
            } catch (IOException e) {
                GatewayProblems.send(ctx, 500, "The suite's OpenAPI document could not be written");
            }
        });
    }

    private static boolean accepts(RoutingContext ctx, String word) {
        String accept = ctx.request().getHeader("Accept");
        return accept != null && accept.contains(word);
    }

    /** One document from the services' documents, in the order of their names. */
    static JsonNode merge(List<String> names, List<JsonNode> documents) {
        ObjectNode suite = JSON.createObjectNode();
        JsonNode first = documents.get(0);
        suite.set("openapi", first.get("openapi"));
        ObjectNode info = suite.putObject("info");
        info.put("title", "Scaffold API");
        info.set("version", first.path("info").get("version"));
        info.put("description", "The whole suite through its gateway: communities of practice, help requests and "
                + "notifications, each service under its own prefix. Every operation needs a bearer token (JWT) and "
                + "answers errors as RFC 9457 problem+json.");
        copyIfPresent(first.path("info"), info, "contact");
        copyIfPresent(first.path("info"), info, "license");
        suite.set("servers", first.get("servers"));
        suite.set("security", first.get("security"));
        ArrayNode tags = suite.putArray("tags");
        ObjectNode paths = suite.putObject("paths");
        ObjectNode components = suite.putObject("components");
        Set<String> tagNames = new HashSet<>();
        for (int i = 0; i < documents.size(); i++) {
            JsonNode document = renameClashes(documents.get(i).deepCopy(), components, serviceWord(names.get(i)));
            document.path("tags").forEach(tag -> {
                if (tagNames.add(tag.path("name").asText())) {
                    tags.add(tag);
                }
            });
            document.path("paths").fields().forEachRemaining(path -> paths.set(path.getKey(), path.getValue()));
            document.path("components").fields().forEachRemaining(section -> {
                ObjectNode target = components.has(section.getKey()) ? (ObjectNode) components.get(section.getKey())
                        : components.putObject(section.getKey());
                section.getValue().fields().forEachRemaining(entry -> target.set(entry.getKey(), entry.getValue()));
            });
        }
        return suite;
    }

    /** Components of this document whose names the suite already holds with other content get the service's word. */
    private static JsonNode renameClashes(JsonNode document, ObjectNode merged, String word) {
        List<String[]> renames = new ArrayList<>();
        document.path("components").fields().forEachRemaining(section -> {
            JsonNode existing = merged.path(section.getKey());
            List<String> names = new ArrayList<>();
            section.getValue().fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (existing.has(name) && !existing.get(name).equals(section.getValue().get(name))) {
                    ObjectNode entries = (ObjectNode) section.getValue();
                    entries.set(word + name, entries.remove(name));
                    renames.add(new String[] {"#/components/" + section.getKey() + "/" + name,
                            "#/components/" + section.getKey() + "/" + word + name});
                }
            }
        });
        if (!renames.isEmpty()) {
            rewriteRefs(document, renames);
        }
        return document;
    }

    private static void rewriteRefs(JsonNode node, List<String[]> renames) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    for (String[] rename : renames) {
                        if (field.getValue().asText().equals(rename[0])) {
                            field.setValue(TextNode.valueOf(rename[1]));
                        }
                    }
                } else {
                    rewriteRefs(field.getValue(), renames);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(item -> rewriteRefs(item, renames));
        }
    }

    /** {@code requests-service} becomes {@code Requests}. */
    private static String serviceWord(String service) {
        String word = service.replace("-service", "");
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static void copyIfPresent(JsonNode from, ObjectNode to, String field) {
        if (from.has(field)) {
            to.set(field, from.get(field));
        }
    }
}
