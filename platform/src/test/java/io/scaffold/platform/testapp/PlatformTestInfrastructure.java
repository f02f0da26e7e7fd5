package io.scaffold.platform.testapp;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.scaffold.platform.testing.ScaffoldTestResource;

/** Every platform test runs against the real broker and PostgreSQL, in the database "platform". */
@QuarkusTestResource(value = ScaffoldTestResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "platform"))
public class PlatformTestInfrastructure {
}
