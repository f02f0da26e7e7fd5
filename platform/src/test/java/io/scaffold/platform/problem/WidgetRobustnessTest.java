package io.scaffold.platform.problem;

import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.platform.testing.RobustnessContract;
import io.scaffold.platform.testing.TestTokens;

/** The malformed-input sweep over the platform's test application, with the platform's defaults alone. */
@QuarkusTest
class WidgetRobustnessTest extends RobustnessContract {

    @Override
    protected String authorization() {
        return TestTokens.bearer("sweeper");
    }
}
