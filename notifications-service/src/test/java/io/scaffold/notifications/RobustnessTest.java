package io.scaffold.notifications;

import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.platform.testing.RobustnessContract;
import io.scaffold.platform.testing.TestTokens;

/** The malformed-input sweep over every operation of the inbox, preferences, preview and live stream. */
@QuarkusTest
class RobustnessTest extends RobustnessContract {
    private static final String USER = io.scaffold.platform.testing.ApiCalls.unique("sweeper");

    @Override
    protected String authorization() {
        return TestTokens.bearer(USER);
    }
}
