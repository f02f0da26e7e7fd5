package io.scaffold.requests.event;

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

    @Test
    void everyPublishedTypeHasASchemaAndIsInTheAsyncApiDocument() throws Exception {
        String asyncApi = Files.readString(Path.of("src/main/asyncapi/asyncapi.yaml"));
        List<String> types = new ArrayList<>();
        for (Field field : EventTypes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && ((String) field.get(null)).startsWith("scaffold.")) {
                types.add((String) field.get(null));
            }
        }
        assertThat(types).hasSize(11);
        for (String type : types) {
            assertThat(Path.of("src/main/resources/schemas/" + type + ".json")).exists();
            assertThat(asyncApi).contains("name: " + type).contains("$ref: '../resources/schemas/" + type + ".json'");
        }
    }

    @Test
    void everyConsumedCommunityEventRefersToTheProducersOwnSchemaFile() throws Exception {
        String asyncApi = Files.readString(Path.of("src/main/asyncapi/asyncapi.yaml"));
        String prefix = "../../../../communities-service/src/main/resources/schemas/";
        int refs = 0;
        for (String line : asyncApi.lines().toList()) {
            int at = line.indexOf(prefix);
            if (at >= 0) {
                String file = line.substring(at + prefix.length(), line.lastIndexOf('\''));
                assertThat(Path.of("../communities-service/src/main/resources/schemas/" + file)).exists();
                refs++;
            }
        }
        assertThat(refs).isEqualTo(13);
    }
}
