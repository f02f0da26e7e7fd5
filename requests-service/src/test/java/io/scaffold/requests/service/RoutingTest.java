package io.scaffold.requests.service;

import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.platform.testing.TopicProbe;
import io.scaffold.requests.Communities;
import io.scaffold.requests.event.EventTypes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.scaffold.requests.Api.TOPIC;
import static io.scaffold.requests.Api.as;
import static io.scaffold.requests.Api.ask;
import static io.scaffold.requests.Api.assertPublished;
import static io.scaffold.requests.Api.respond;
import static io.scaffold.requests.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class RoutingTest {

    private static String tag() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void helpersAreRankedByDeclaredLevelNeverIncludeTheRequesterAndTheEventNamesThem() {
        String tag = tag();
        String owner = unique("owner");
        String asker = unique("asker");
        String expert = unique("expert");
        String practitioner = unique("practitioner");
        String learner = unique("learner");
        String unrelated = unique("unrelated");
        Communities community = Communities.create(owner, "PUBLIC", tag)
                .member(asker, "MEMBER").skills(asker, tag, "EXPERT")
                .member(learner, "MEMBER").skills(learner, tag, "LEARNING")
                .member(expert, "MEMBER").skills(expert, tag, "EXPERT")
                .member(practitioner, "MEMBER").skills(practitioner, tag, "PRACTITIONER", "other", "EXPERT")
                .member(unrelated, "MEMBER").skills(unrelated, "cobol", "EXPERT");
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            String id = ask(asker, community.id(), "NORMAL", tag);
            String created = assertPublished(probe, EventTypes.CREATED, id).value();
            assertThat(created).contains("\"invitedHelperIds\":[\"" + expert + "\",\"" + practitioner + "\",\""
                    + learner + "\"]");
            as(asker).get("/api/requests/" + id + "/helpers").then().statusCode(200)
                    .body("userId", equalTo(List.of(expert, practitioner, learner)))
                    .body("[0].kind", equalTo("HELPER")).body("[0].level", equalTo(0))
                    .body("[0].reason", containsString("EXPERT in " + tag));
        }
    }

    @Test
    void acceptedHelpBreaksTiesAndRecentlyAskedPeopleRestAfterTheWeeklyCap() {
        String tag = tag();
        String owner = unique("owner");
        String asker = unique("asker");
        String a = "a-" + unique("expert");
        String b = "b-" + unique("expert");
        Communities community = Communities.create(owner, "PUBLIC", tag).member(asker, "MEMBER")
                .member(a, "MEMBER").skills(a, tag, "EXPERT").member(b, "MEMBER").skills(b, tag, "EXPERT");
        // b's help on this tag was accepted once: b now ranks before a at the same level
        String someone = unique("someone");
        String solved = ask(someone, null, "LOW", tag);
        String answer = respond(b, solved, "ANSWER");
        as(someone).post("/api/requests/" + solved + "/responses/" + answer + "/accept").then().statusCode(200);

        List<String> first = helpersOf(ask(asker, community.id(), "NORMAL", tag), asker);
        assertThat(first).startsWith(b, a);

        // each further request asks both again until the weekly cap (5 in tests) is reached; then they rest
        for (int i = 0; i < 4; i++) {
            ask(asker, community.id(), "NORMAL", tag);
        }
        assertThat(helpersOf(ask(asker, community.id(), "NORMAL", tag), asker)).isEmpty();
    }

    @Test
    void amongEqualsTheLeastRecentlyAskedComesFirst() {
        String tag = tag();
        String owner = unique("owner");
        String asker = unique("asker");
        String suffix = unique("");
        String a = "a" + suffix;
        String b = "b" + suffix;
        String c = "c" + suffix;
        String d = "d" + suffix;
        Communities community = Communities.create(owner, "PUBLIC", tag).member(asker, "MEMBER");
        for (String expert : List.of(a, b, c, d)) {
            community.member(expert, "MEMBER").skills(expert, tag, "EXPERT");
        }
        // three helpers per request: never-asked people first, then whoever was asked longest ago
        List<String> first = helpersOf(ask(asker, community.id(), "NORMAL", tag), asker);
        assertThat(first).hasSize(3).doesNotHaveDuplicates().isSubsetOf(a, b, c, d);
        String leftOut = List.of(a, b, c, d).stream().filter(e -> !first.contains(e)).findFirst().orElseThrow();
        List<String> second = helpersOf(ask(asker, community.id(), "NORMAL", tag), asker);
        assertThat(second.get(0)).isEqualTo(leftOut);
        assertThat(second.subList(1, 3)).isSubsetOf(first);
        String askedOnceLongestAgo = first.stream().filter(e -> !second.contains(e)).findFirst().orElseThrow();
        assertThat(helpersOf(ask(asker, community.id(), "NORMAL", tag), asker).get(0)).isEqualTo(askedOnceLongestAgo);
    }

    @Test
    void withoutACommunityHelpersComeFromCommunitiesTheRequesterCanSee() {
        String tag = tag();
        String asker = unique("asker");
        String publicExpert = unique("public-expert");
        String privateExpert = unique("private-expert");
        Communities.create(unique("owner"), "PUBLIC", tag).member(publicExpert, "MEMBER")
                .skills(publicExpert, tag, "EXPERT");
        Communities.create(unique("owner"), "PRIVATE", tag).member(privateExpert, "MEMBER")
                .skills(privateExpert, tag, "EXPERT");
        assertThat(helpersOf(ask(asker, null, "NORMAL", tag), asker)).containsExactly(publicExpert);
    }

    @Test
    void whoWasAskedIsForTheRequesterAndFacilitatorsOnly() {
        String tag = tag();
        String owner = unique("owner");
        String facilitator = unique("facilitator");
        String member = unique("member");
        String asker = unique("asker");
        Communities community = Communities.create(owner, "PUBLIC", tag).member(facilitator, "MEMBER")
                .roleChanged(facilitator, "FACILITATOR", "MEMBER").member(member, "MEMBER").member(asker, "MEMBER");
        String id = ask(asker, community.id(), "NORMAL", tag);
        as(asker).get("/api/requests/" + id + "/helpers").then().statusCode(200);
        as(facilitator).get("/api/requests/" + id + "/helpers").then().statusCode(200);
        as(owner).get("/api/requests/" + id + "/helpers").then().statusCode(200);
        as(member).get("/api/requests/" + id + "/helpers").then().statusCode(403)
                .contentType("application/problem+json");
        as(unique("stranger")).get("/api/requests/" + id + "/helpers").then().statusCode(404);
        community.left(member);
        as(member).get("/api/requests/" + id).then().statusCode(404);
    }

    private static List<String> helpersOf(String requestId, String requester) {
        return as(requester).get("/api/requests/" + requestId + "/helpers").then().statusCode(200).extract()
                .jsonPath().getList("userId", String.class);
    }
}
