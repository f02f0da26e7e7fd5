package io.scaffold.communities;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.scaffold.platform.testing.ScaffoldTestResource;

/** Every test of this service runs against the real Kafka broker and PostgreSQL (database "communities"). */
@QuarkusTestResource(value = ScaffoldTestResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "communities"))
public class TestInfrastructureResource {
}
