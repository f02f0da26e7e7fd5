package io.scaffold.requests;

import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.platform.testing.ServiceFoundationContract;

@QuarkusTest
class ServiceFoundationTest extends ServiceFoundationContract {
}
