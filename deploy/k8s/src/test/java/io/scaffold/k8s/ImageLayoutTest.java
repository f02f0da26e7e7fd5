package io.scaffold.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services' OCI images as Jib builds them, read from the tar every build writes (target/jib-layout-check.tar).
 * That tar is built on an empty base, because no container registry can be reached here to pull the JRE base; the
 * layers, user, entrypoint and settings checked below are exactly those pushed on the real base by
 * {@code jib:build}, which only adds the base image's layers underneath.
 */
class ImageLayoutTest {
    /** The numeric user the image runs as (Kubernetes can verify runAsNonRoot only for a numeric user). */
    static final long IMAGE_USER = 10001;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path unpacked;

    @ParameterizedTest
    @ValueSource(strings = {"communities-service", "requests-service", "notifications-service"})
    void imageRunsTheQuarkusAppAsANonRootUserWithContainerAwareJvmFlags(String service) throws IOException {
        JsonNode config = image(service).config;

        assertThat(config.path("User").asText()).isEqualTo(IMAGE_USER + ":" + IMAGE_USER);
        assertThat(config.path("WorkingDir").asText()).isEqualTo("/deployments");
        assertThat(config.path("ExposedPorts").has("8080/tcp")).isTrue();
        List<String> entrypoint = new ArrayList<>();
        config.path("Entrypoint").forEach(arg -> entrypoint.add(arg.asText()));
        assertThat(entrypoint).startsWith("java").endsWith("-jar", "/deployments/quarkus-run.jar")
                .contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError",
                        "-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        List<String> env = new ArrayList<>();
        config.path("Env").forEach(value -> env.add(value.asText()));
        assertThat(env).contains("QUARKUS_HTTP_PORT=8080");
    }

    @ParameterizedTest
    @ValueSource(strings = {"communities-service", "requests-service", "notifications-service"})
    void layersGoFromWhatChangesLeastToWhatChangesMostAndHoldTheWholeQuarkusApp(String service) throws IOException {
        Image image = image(service);
        List<String> all = image.layers.values().stream().flatMap(List::stream).toList();

        assertThat(all).noneMatch(path -> path.startsWith("app/")).contains("deployments/quarkus-run.jar")
                .anyMatch(path -> path.startsWith("deployments/quarkus/") && path.endsWith(".dat"))
                .anyMatch(path -> path.matches("deployments/app/" + service + "-.*\\.jar"));
        List<List<String>> layers = new ArrayList<>(image.layers.values());
        int libraries = indexOf(layers, path -> path.matches("deployments/lib/main/io\\.quarkus\\..*\\.jar"));
        int platform = indexOf(layers, path -> path.matches("deployments/lib/main/io\\.scaffold\\..*\\.jar"));
        int generated = indexOf(layers, path -> path.equals("deployments/quarkus-run.jar"));
        int own = indexOf(layers, path -> path.startsWith("deployments/app/"));
        assertThat(List.of(libraries, platform, generated, own)).doesNotHaveDuplicates().isSorted();
        assertThat(layers.get(libraries)).noneMatch(path -> path.contains("io.scaffold."));
    }

    private static int indexOf(List<List<String>> layers, java.util.function.Predicate<String> holds) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).stream().anyMatch(holds)) {
                return i;
            }
        }
        throw new AssertionError("no layer holds the expected file");
    }

    private record Image(JsonNode config, Map<String, List<String>> layers) {
    }

    private Image image(String service) throws IOException {
        Path tar = ServiceSettings.ROOT.resolve(service + "/target/jib-layout-check.tar");
        assertThat(tar).as("the image tar Jib writes in the package phase (./mvnw verify)").exists();
        Path dir = Files.createDirectories(unpacked.resolve(service));
        tar("-xf", tar.toString(), "-C", dir.toString());
        JsonNode index = JSON.readTree(dir.resolve("index.json").toFile());
        JsonNode manifest = JSON.readTree(blob(dir, index.path("manifests").get(0).path("digest").asText()).toFile());
        JsonNode config = JSON.readTree(blob(dir, manifest.path("config").path("digest").asText()).toFile())
                .path("config");
        Map<String, List<String>> layers = new LinkedHashMap<>();
        for (JsonNode layer : manifest.path("layers")) {
            String digest = layer.path("digest").asText();
            layers.put(digest, Arrays.stream(tar("-tzf", blob(dir, digest).toString()).split("\n"))
                    .map(path -> path.startsWith("/") ? path.substring(1) : path)
                    .filter(path -> !path.isBlank() && !path.endsWith("/")).toList());
        }
        return new Image(config, layers);
    }

    private static Path blob(Path dir, String digest) {
        return dir.resolve("blobs/sha256/" + digest.substring("sha256:".length()));
    }

    private static String tar(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("tar"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
