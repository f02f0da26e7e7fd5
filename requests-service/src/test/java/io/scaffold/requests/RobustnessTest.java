package io.scaffold.requests;

import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.platform.testing.RobustnessContract;
import io.scaffold.platform.testing.TestTokens;

import java.util.Map;

/** The malformed-input sweep over every operation, reaching a real request and response the caller can act on. */
@QuarkusTest
class RobustnessTest extends RobustnessContract {
    private static final String REQUESTER = Api.unique("sweeper");

    @Override
    protected String authorization() {
        return TestTokens.bearer(REQUESTER, "ld-desk");
    }

    @Override
    protected Map<String, String> pathValues() {
        String request = Api.ask(REQUESTER, null, "NORMAL", "kafka");
        String response = Api.respond(Api.unique("helper"), request, "ANSWER");
        return Map.of("id", request, "rid", response);
    }
}
