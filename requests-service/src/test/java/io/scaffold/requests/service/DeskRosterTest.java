package io.scaffold.requests.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.requests.repository.CommunityDirectory;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.scaffold.requests.Api.as;
import static io.scaffold.requests.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** The L&D desk follows the identity provider: the role in a verified token puts a person on it and its loss off. */
@QuarkusTest
class DeskRosterTest {
    @Inject
    CommunityDirectory directory;

    private boolean onDesk(String user) {
        return QuarkusTransaction.requiringNew().call(() -> directory.deskMembers().contains(user));
    }

    @Test
    void aPersonWhoseTokenNoLongerCarriesTheDeskRoleLeavesTheDeskAtTheirNextCall() {
        String dana = unique("dana");
        as(dana, "ld-desk").get("/api/requests").then().statusCode(200);
        assertThat(onDesk(dana)).isTrue();

        as(dana).get("/api/requests").then().statusCode(200);
        assertThat(onDesk(dana)).as("the role was taken away in the identity provider").isFalse();
    }

    @Test
    void deskMembersNotSeenWithTheRoleForTheConfiguredTimeAreForgotten() {
        String lee = unique("lee");
        as(lee, "ld-desk").get("/api/requests").then().statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> directory.forgetDeskMembersNotSeenSince(
                java.time.Instant.now().plusSeconds(1)));
        assertThat(onDesk(lee)).isFalse();
    }
}
