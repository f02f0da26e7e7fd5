package io.scaffold.notifications.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aNewRequestNotifiesTheInvitedHelpersButNeverTheRequester() throws Exception {
        Draft draft = NotificationRules.plan("scaffold.help-request.created.v1", json("""
                {"requestId":"r1","title":"Lag","tags":["kafka"],"urgency":"HIGH","requesterId":"alice",
                 "anonymous":false,"invitedHelperIds":["bob","alice","carol"],"actorId":"alice"}"""),
                c -> List.of()).orElseThrow();
        assertThat(draft.recipients()).containsExactly("bob", "carol");
        assertThat(draft.kind()).isEqualTo(NotificationKind.REQUEST_INVITATION);
        assertThat(draft.title()).isEqualTo("alice asked for help: Lag");
        assertThat(draft.link()).isEqualTo("/api/requests/r1");
        assertThat(draft.urgency()).isEqualTo("HIGH");
    }

    @Test
    void anAnonymousRequesterIsNeverNamed() throws Exception {
        for (String type : List.of("scaffold.help-request.created.v1", "scaffold.help-request.escalated.v1",
                "scaffold.help-request.response-accepted.v1")) {
            Draft draft = NotificationRules.plan(type, json("""
                    {"requestId":"r1","title":"Lag","tags":["kafka"],"urgency":"HIGH","requesterId":"alice",
                     "anonymous":true,"communityId":"%s","communityName":"Streams","invitedHelperIds":["bob"],
                     "helperId":"bob","audience":{"kind":"LD_DESK","userIds":["bob"]},"actorId":"alice"}"""
                    .formatted(UUID.randomUUID())), c -> List.of()).orElseThrow();
            assertThat(draft.title() + draft.body()).doesNotContain("alice");
        }
    }

    @Test
    void aResponseGoesToTheRequesterAndAnAcceptanceToTheHelper() throws Exception {
        Draft response = NotificationRules.plan("scaffold.help-request.responded.v1", json("""
                {"requestId":"r1","title":"Lag","requesterId":"alice","anonymous":false,"responderId":"bob",
                 "kind":"OFFER","actorId":"bob"}"""), c -> List.of()).orElseThrow();
        assertThat(response.recipients()).containsExactly("alice");
        assertThat(response.body()).isEqualTo("bob offered to help.");
        Draft accepted = NotificationRules.plan("scaffold.help-request.response-accepted.v1", json("""
                {"requestId":"r1","title":"Lag","requesterId":"alice","anonymous":false,"helperId":"bob",
                 "actorId":"alice"}"""), c -> List.of()).orElseThrow();
        assertThat(accepted.recipients()).containsExactly("bob");
        assertThat(accepted.kind()).isEqualTo(NotificationKind.ANSWER_ACCEPTED);
    }

    @Test
    void aRequestToJoinGoesToTheCommunitysManagersExceptTheActor() throws Exception {
        UUID community = UUID.randomUUID();
        Draft draft = NotificationRules.plan("scaffold.membership.requested.v1", json("""
                {"communityId":"%s","communityName":"Streams","userId":"dave","actorId":"dave"}"""
                .formatted(community)), c -> c.equals(community) ? List.of("olivia", "dave", "fred")
                : List.of()).orElseThrow();
        assertThat(draft.recipients()).containsExactly("olivia", "fred");
        assertThat(draft.link()).isEqualTo("/api/communities/" + community + "/members?status=PENDING");
    }

    @Test
    void aMemberHearsOfTheirOwnApprovalAndRoleChangeButNotOfWhatTheyDidThemselves() throws Exception {
        String community = UUID.randomUUID().toString();
        assertThat(NotificationRules.plan("scaffold.membership.role-changed.v1", json("""
                {"communityId":"%s","communityName":"Streams","userId":"dave","role":"FACILITATOR",
                 "previousRole":"MEMBER","actorId":"olivia"}""".formatted(community)), c -> List.of())
                .orElseThrow().title()).isEqualTo("Your role in Streams is now facilitator");
        assertThat(NotificationRules.plan("scaffold.membership.approved.v1", json("""
                {"communityId":"%s","communityName":"Streams","userId":"dave","role":"MEMBER","actorId":"dave"}"""
                .formatted(community)), c -> List.of())).isEmpty();
    }

    @Test
    void eventsWithoutARuleNotifyNobody() throws Exception {
        assertThat(NotificationRules.plan("scaffold.community.created.v1", json("{}"), c -> List.of())).isEmpty();
    }
}
