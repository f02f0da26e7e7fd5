package io.scaffold.requests.bench;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The benchmark times the escalation scan itself, so the timer-driven scan stays off. */
public class BenchProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.scheduler.enabled", "false");
    }
}
