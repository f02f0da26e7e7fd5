package io.scaffold.k8s;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Rendered overlays, each rendered once per test run. */
final class Rendered {
    private static final Map<String, List<JsonNode>> CACHE = new ConcurrentHashMap<>();

    private Rendered() {
    }

    static List<JsonNode> overlay(String directory) {
        return CACHE.computeIfAbsent(directory, Kustomize::build);
    }

    static <T> List<T> all(List<JsonNode> documents, String kind, Class<T> model) {
        return documents.stream().filter(document -> kind.equals(document.path("kind").asText()))
                .map(document -> TypedManifests.as(document, model)).toList();
    }
}
