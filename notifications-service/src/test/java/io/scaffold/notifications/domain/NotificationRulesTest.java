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
                NONE, People.IDS).get(0);
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
                    .formatted(UUID.randomUUID())), NONE, People.IDS).get(0);
            assertThat(draft.title() + draft.body()).doesNotContain("alice");
        }
    }

    @Test
    void aResponseGoesToTheRequesterAndAnAcceptanceToTheHelper() throws Exception {
        Draft response = NotificationRules.plan("scaffold.help-request.responded.v1", json("""
                {"requestId":"r1","title":"Lag","requesterId":"alice","anonymous":false,"responderId":"bob",
                 "kind":"OFFER","actorId":"bob"}"""), NONE, People.IDS).get(0);
        assertThat(response.recipients()).containsExactly("alice");
        assertThat(response.body()).isEqualTo("bob offered to help.");
        Draft accepted = NotificationRules.plan("scaffold.help-request.response-accepted.v1", json("""
                {"requestId":"r1","title":"Lag","requesterId":"alice","anonymous":false,"helperId":"bob",
                 "actorId":"alice"}"""), NONE, People.IDS).get(0);
        assertThat(accepted.recipients()).containsExactly("bob");
        assertThat(accepted.kind()).isEqualTo(NotificationKind.ANSWER_ACCEPTED);
    }

    @Test
    void aRequestToJoinGoesToTheCommunitysManagersExceptTheActor() throws Exception {
        UUID community = UUID.randomUUID();
        Draft draft = NotificationRules.plan("scaffold.membership.requested.v1", json("""
                {"communityId":"%s","communityName":"Streams","userId":"dave","actorId":"dave"}"""
                .formatted(community)), managing(community, "olivia", "dave", "fred"), People.IDS).get(0);
        assertThat(draft.recipients()).containsExactly("olivia", "fred");
        assertThat(draft.link()).isEqualTo("/api/communities/" + community + "/members?status=PENDING");
    }

    @Test
    void aMemberHearsOfTheirOwnApprovalAndRoleChangeButNotOfWhatTheyDidThemselves() throws Exception {
        String community = UUID.randomUUID().toString();
        assertThat(NotificationRules.plan("scaffold.membership.role-changed.v1", json("""
                {"communityId":"%s","communityName":"Streams","userId":"dave","role":"FACILITATOR",
                 "previousRole":"MEMBER","actorId":"olivia"}""".formatted(community)), NONE, People.IDS)
                .get(0).title()).isEqualTo("Your role in Streams is now facilitator");
        assertThat(NotificationRules.plan("scaffold.membership.approved.v1", json("""
                {"communityId":"%s","communityName":"Streams","userId":"dave","role":"MEMBER","actorId":"dave"}"""
                .formatted(community)), NONE, People.IDS)).isEmpty();
    }

    @Test
    void eventsWithoutARuleNotifyNobody() throws Exception {
        assertThat(NotificationRules.plan("scaffold.community.created.v1", json("{}"), NONE, People.IDS)).isEmpty();
    }

    @Test
    void followersOfACommunityHearOfItsNewRequestsExceptTheRequesterAndTheInvitedHelpers() throws Exception {
        UUID community = UUID.randomUUID();
        List<Draft> drafts = NotificationRules.plan("scaffold.help-request.created.v1", json("""
                {"requestId":"r1","title":"Lag","tags":["kafka"],"urgency":"LOW","requesterId":"alice",
                 "anonymous":true,"communityId":"%s","communityName":"Streams","invitedHelperIds":["bob"],
                 "actorId":"alice"}""".formatted(community)), NONE, People.IDS);
        assertThat(drafts).extracting(Draft::kind).containsExactly(NotificationKind.REQUEST_INVITATION,
                NotificationKind.COMMUNITY_REQUEST);
        assertThat(drafts.get(0).recipients()).containsExactly("bob");
        assertThat(drafts.get(1).recipients()).isEmpty();
        assertThat(drafts.get(1).followers()).isEqualTo(new Draft.Followers(community, CommunitySetting.NEW_REQUESTS,
                java.util.Set.of("bob", "alice")));
        assertThat(drafts.get(1).title()).isEqualTo("New request in Streams: Lag");
        assertThat(drafts.get(1).body()).isEqualTo("A member of Streams asked for help on kafka.")
                .doesNotContain("alice");
    }

    @Test
    void anEscalationToTheLearningDeskIsTheCriticalKind() throws Exception {
        String data = """
                {"requestId":"r1","title":"Lag","urgency":"BLOCKING","requesterId":"alice","anonymous":false,
                 "level":%d,"step":"PT1H","audience":{"kind":"%s","userIds":["desk1"]}}""";
        Draft facilitators = NotificationRules.plan("scaffold.help-request.escalated.v1",
                json(data.formatted(2, "FACILITATOR")), NONE, People.IDS).get(0);
        Draft desk = NotificationRules.plan("scaffold.help-request.escalated.v1", json(data.formatted(3, "LD_DESK")),
                NONE, People.IDS).get(0);
        assertThat(facilitators.kind()).isEqualTo(NotificationKind.ESCALATION);
        assertThat(facilitators.kind().critical()).isFalse();
        assertThat(desk.kind()).isEqualTo(NotificationKind.DESK_ESCALATION);
        assertThat(desk.kind().critical()).isTrue();
        assertThat(desk.body()).endsWith("You are asked as the L&D desk.");
    }

    @Test
    void aNewResourceGoesToTheLibrarysFollowersExceptItsAuthor() throws Exception {
        UUID community = UUID.randomUUID();
        Draft draft = NotificationRules.plan("scaffold.resource.added.v1", json("""
                {"communityId":"%s","communityName":"Streams","resourceId":"%s","type":"GUIDE",
                 "title":"Consumer lag","authorId":"erin","actorId":"erin"}""".formatted(community,
                UUID.randomUUID())), NONE, People.IDS).get(0);
        assertThat(draft.kind()).isEqualTo(NotificationKind.RESOURCE_ADDED);
        assertThat(draft.recipients()).isEmpty();
        assertThat(draft.followers()).isEqualTo(new Draft.Followers(community, CommunitySetting.NEW_RESOURCES,
                java.util.Set.of("erin")));
        assertThat(draft.title()).isEqualTo("New in Streams: Consumer lag");
    }

    @Test
    void anInvitationToJoinGoesToTheInvitedPerson() throws Exception {
        Draft draft = NotificationRules.plan("scaffold.membership.invited.v1", json("""
                {"communityId":"%s","communityName":"Streams","userId":"gil","role":"MEMBER","actorId":"olivia"}"""
                .formatted(UUID.randomUUID())), NONE, People.IDS).get(0);
        assertThat(draft.kind()).isEqualTo(NotificationKind.MEMBERSHIP_INVITATION);
        assertThat(draft.recipients()).containsExactly("gil");
    }

    @Test
    void titlesNamePeopleByTheirNameButAnAnonymousRequesterOnlyByTheirCommunity() throws Exception {
        People names = id -> id.equals("alice") ? "Alice Martin" : id.equals("bob") ? "Bob Stone" : id;
        Draft named = NotificationRules.plan("scaffold.help-request.created.v1", json("""
                {"requestId":"r1","title":"Lag","tags":["kafka"],"urgency":"HIGH","requesterId":"alice",
                 "anonymous":false,"invitedHelperIds":["bob"],"actorId":"alice"}"""), NONE, names).get(0);
        assertThat(named.title()).isEqualTo("Alice Martin asked for help: Lag");
        Draft response = NotificationRules.plan("scaffold.help-request.responded.v1", json("""
                {"requestId":"r1","title":"Lag","requesterId":"alice","anonymous":false,"responderId":"bob",
                 "kind":"ANSWER","actorId":"bob"}"""), NONE, names).get(0);
        assertThat(response.body()).isEqualTo("Bob Stone answered.");
        Draft anonymous = NotificationRules.plan("scaffold.help-request.created.v1", json("""
                {"requestId":"r1","title":"Lag","tags":["kafka"],"urgency":"HIGH","requesterId":"alice",
                 "anonymous":true,"communityName":"Streams","invitedHelperIds":["bob"]}"""), NONE, names).get(0);
        assertThat(anonymous.title()).isEqualTo("A member of Streams asked for help: Lag")
                .doesNotContain("Alice").doesNotContain("alice");
        assertThat(anonymous.body()).doesNotContain("Alice");
    }

    private static final Audiences NONE = community -> List.of();

    private static Audiences managing(UUID community, String... managers) {
        return communityId -> communityId.equals(community) ? List.of(managers) : List.of();
    }
}
