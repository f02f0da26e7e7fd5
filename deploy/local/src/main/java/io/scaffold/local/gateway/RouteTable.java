package io.scaffold.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's routes, read from the Gateway API {@code HTTPRoute} resources of the Kubernetes deploy: the local
 * gateway and the cluster route the same way because they read the same file. Only {@code PathPrefix} matches with
 * one backend are used by the suite, and only those are accepted here.
 */
public record RouteTable(List<Route> routes) {

    /** Requests whose path starts with {@code pathPrefix} go to the Kubernetes Service {@code backend}. */
    public record Route(String routeName, String pathPrefix, String backend) {
        boolean matches(String path) {
            return path.equals(pathPrefix) || path.startsWith(pathPrefix.endsWith("/") ? pathPrefix : pathPrefix + "/");
        }
    }

    public static RouteTable read(Path yaml) {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        List<Route> routes = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(yaml.toFile())) {
            for (JsonNode doc : mapper.readValues(parser, JsonNode.class).readAll()) {
                if ("HTTPRoute".equals(doc.path("kind").asText())) {
                    routes.addAll(routesOf(doc));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the routes in " + yaml, e);
        }
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("no HTTPRoute rules in " + yaml);
        }
        // Longest prefix first, as Gateway API orders PathPrefix matches.
        routes.sort(Comparator.comparingInt((Route r) -> r.pathPrefix().length()).reversed());
        return new RouteTable(List.copyOf(routes));
    }

    private static List<Route> routesOf(JsonNode httpRoute) {
        String name = httpRoute.path("metadata").path("name").asText();
        List<Route> routes = new ArrayList<>();
        for (JsonNode rule : httpRoute.path("spec").path("rules")) {
            JsonNode backends = rule.path("backendRefs");
            if (backends.size() != 1) {
                throw new IllegalArgumentException("HTTPRoute " + name + ": each rule needs exactly one backendRef");
            }
            String backend = backends.get(0).path("name").asText();
            for (JsonNode match : rule.path("matches")) {
                JsonNode path = match.path("path");
                if (!"PathPrefix".equals(path.path("type").asText("PathPrefix"))) {
                    throw new IllegalArgumentException("HTTPRoute " + name + ": only PathPrefix matches are supported");
                }
                routes.add(new Route(name, path.path("value").asText("/"), backend));
            }
        }
        return routes;
    }

    public Optional<Route> routeFor(String path) {
        return routes.stream().filter(route -> route.matches(path)).findFirst();
    }
}
