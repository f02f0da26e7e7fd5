package io.scaffold.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Validates event data against the producer's JSON Schema files (draft 2020-12). Consumers point it at the producing
 * module's {@code src/main/resources/schemas}, so a breaking change to a contract fails the consumer's build.
 */
public final class EventSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path directory;

    private EventSchemas(Path directory) {
        this.directory = directory;
    }

    /** Schemas in a folder, relative to the test's working directory (the module) when not absolute. */
    public static EventSchemas in(String directory) {
        Path path = Path.of(directory).toAbsolutePath().normalize();
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("no schema folder at " + path);
        }
        return new EventSchemas(path);
    }

    /** The schema file of an event type: {@code <type>.json}, e.g. {@code scaffold.community.created.v1.json}. */
    public Path schemaOf(String eventType) {
        return directory.resolve(eventType + ".json");
    }

    /** Throws an AssertionError listing every violation when the data does not match the type's schema. */
    public void assertValid(String eventType, String json) {
        Path file = schemaOf(eventType);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("no JSON Schema for event type " + eventType + " at " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            JsonNode data = JSON.readTree(json);
            Set<ValidationMessage> errors = schema.validate(data);
            if (!errors.isEmpty()) {
                throw new AssertionError(eventType + " data does not match its schema: " + errors + "\n" + json);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file + " or the event data: " + e.getMessage(), e);
        }
    }
}
