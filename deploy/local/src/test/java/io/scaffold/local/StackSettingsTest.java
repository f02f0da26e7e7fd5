package io.scaffold.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackSettingsTest {
    final Path root = Path.of("/repo");

    @Test
    void withNothingSetTheStackUsesItsDefaults() {
        StackSettings settings = StackSettings.fromEnvironment(root, Map.of());
        assertEquals(8080, settings.gatewayPort());
        assertEquals(Path.of("/repo/deploy/local/state"), settings.stateDir());
        assertTrue(settings.externalDatabase().isEmpty());
        assertEquals(8081, settings.services().get(0).port());
        assertTrue(settings.classDataSharing());
    }

    @Test
    void classDataSharingIsTurnedOffByOffAndAnythingElseIsAnError() {
        assertFalse(StackSettings.fromEnvironment(root, Map.of("SCAFFOLD_CLASS_DATA_SHARING", "off"))
                .classDataSharing());
        StackException error = assertThrows(StackException.class,
                () -> StackSettings.fromEnvironment(root, Map.of("SCAFFOLD_CLASS_DATA_SHARING", "no")));
        assertEquals("SCAFFOLD_CLASS_DATA_SHARING=no is neither on nor off", error.getMessage());
    }

    @Test
    void anExternalDatabaseIsUsedWhenItsUrlIsSet() {
        StackSettings settings = StackSettings.fromEnvironment(root, Map.of(
                "SCAFFOLD_DB_URL", "jdbc:postgresql://db:5432/", "SCAFFOLD_DB_USER", "scaffold"));
        assertEquals("jdbc:postgresql://db:5432", settings.externalDatabase().orElseThrow().serverUrl());
        assertEquals("scaffold", settings.externalDatabase().orElseThrow().user());
    }

    @Test
    void aPortThatIsNotAPortIsAOneLineError() {
        StackException error = assertThrows(StackException.class,
                () -> StackSettings.fromEnvironment(root, Map.of("SCAFFOLD_GATEWAY_PORT", "80800")));
        assertEquals("SCAFFOLD_GATEWAY_PORT=80800 is not a TCP port (1-65535)", error.getMessage());
    }
}
