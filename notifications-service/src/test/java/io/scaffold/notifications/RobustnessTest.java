package io.scaffold.notifications;

import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.platform.testing.RobustnessContract;
import io.scaffold.platform.testing.TestTokens;

/**
 * The malformed-input sweep over every operation of the inbox, preferences, preview, live stream and webhooks (the
 * sweeper is an integration admin, so that the sweep reaches past the role check into validation).
 */
@QuarkusTest
class RobustnessTest extends RobustnessContract {
    private static final String USER = io.scaffold.platform.testing.ApiCalls.unique("sweeper");

    @Override
    protected String authorization() {
        return TestTokens.bearer(USER, "integration-admin");
    }
}
