package io.scaffold.communities.event;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event type this service publishes has a JSON Schema and a message in the AsyncAPI document. */
class EventContractTest {

    static List<String> publishedTypes() throws IllegalAccessException {
        List<String> types = new ArrayList<>();
        for (Field field : EventTypes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && ((String) field.get(null)).startsWith("scaffold.")) {
                types.add((String) field.get(null));
            }
        }
        return types;
    }

    @Test
    void everyPublishedTypeHasASchemaAndIsInTheAsyncApiDocument() throws Exception {
        String asyncApi = Files.readString(Path.of("src/main/asyncapi/asyncapi.yaml"));
        List<String> types = publishedTypes();
        assertThat(types).hasSize(16);
        for (String type : types) {
            assertThat(Path.of("src/main/resources/schemas/" + type + ".json")).exists();
            assertThat(asyncApi).contains("name: " + type).contains("$ref: '../resources/schemas/" + type + ".json'");
        }
    }
}
