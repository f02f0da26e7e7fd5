package io.scaffold.platform.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Runs a service's {@code @QuarkusTest}s against the real test infrastructure: the in-JVM Kafka broker, the embedded
 * PostgreSQL (one database per service, named by the {@code database} init argument) and the test token issuer.
 *
 * <pre>{@code @QuarkusTestResource(value = ScaffoldTestResource.class, initArgs = @ResourceArg(name = "database",
 *         value = "communities"), restrictToAnnotatedClass = false)}</pre>
 */
public class ScaffoldTestResource implements QuarkusTestResourceLifecycleManager {
    private String database = "scaffold";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        return TestInfrastructure.serviceConfig(database);
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; stopped when the JVM exits.
    }
}
