package io.scaffold.requests.rest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.platform.testing.TopicProbe;
import io.scaffold.requests.Communities;
import io.scaffold.requests.event.EventTypes;
import io.scaffold.requests.repository.SearchVocabulary;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static io.scaffold.requests.Api.TOPIC;
import static io.scaffold.requests.Api.as;
import static io.scaffold.requests.Api.assertPublished;
import static io.scaffold.requests.Api.requestJson;
import static io.scaffold.requests.Api.respond;
import static io.scaffold.requests.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Help before asking: suggestions while a title is typed, and "this solved it". */
@QuarkusTest
class SuggestionsTest {
    private static final Random RANDOM = new Random();

    /** A word no other test uses, so that each test sees only its own matches. */
    private static String word() {
        StringBuilder word = new StringBuilder("zq");
        for (int i = 0; i < 8; i++) {
            word.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return word.toString();
    }

    private static String ask(String asker, String title, String communityId, boolean anonymous, String... tags) {
        return as(asker).body(requestJson(title, communityId, "NORMAL", anonymous, tags)).post("/api/requests")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void anAcceptedAnswerRanksAboveAnUnansweredMatchAndTheLastWordIsAPrefix() {
        String token = word();
        String owner = unique("owner");
        String asker = unique("shy");
        String helper = unique("helper");
        String other = unique("other");
        String searcher = unique("searcher");
        Communities community = Communities.create(owner, "PUBLIC", "kafka").member(asker, "MEMBER")
                .member(helper, "MEMBER").member(other, "MEMBER").member(searcher, "MEMBER");
        String unanswered = ask(other, "Offsets " + token + " keep growing after the deploy", community.id(), false,
                "kafka");
        String answered = ask(asker, "Offsets " + token + " keep growing on orders", community.id(), true, "kafka");
        String response = respond(helper, answered, "ANSWER");
        as(asker).post("/api/requests/" + answered + "/responses/" + response + "/accept").then().statusCode(200);

        String body = as(searcher).queryParam("q", "offsets " + token.substring(0, 6)).get("/api/requests/suggestions")
                .then().statusCode(200)
                .body("answers.requestId", equalTo(List.of(answered, unanswered)))
                .body("answers[0].status", equalTo("RESOLVED"))
                .body("answers[0].acceptedAnswerExcerpt", equalTo("Try raising max.poll.records"))
                .body("answers[1].acceptedAnswerExcerpt", nullValue())
                .body("answers[0].communityName", equalTo(community.name()))
                .extract().asString();
        assertThat(body).as("an anonymous requester is never named").doesNotContain(asker);
        as(searcher).queryParam("q", token.substring(0, 7)).get("/api/requests/suggestions").then().statusCode(200)
                .body("answers.requestId", equalTo(List.of(answered, unanswered))); // a lone word being typed
    }

    @Test
    void aTypoStillFindsTheTitle() {
        String token = word();
        String asker = unique("asker");
        String answered = ask(asker, "Certificate " + token + " rotation fails", null, false, "tls");
        String typo = token.substring(0, 4) + token.charAt(5) + token.charAt(4) + token.substring(6);
        String searcher = unique("searcher");
        // the title's words join the typo-correction list within a refresh (every second in tests)
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() ->
                as(searcher).queryParam("q", typo + " rotation").get("/api/requests/suggestions").then()
                        .statusCode(200).body("searchedFor", equalTo(token + " rotation"))
                        .body("answers.requestId", hasItem(answered)));
        as(searcher).queryParam("q", "certificate " + typo).get("/api/requests/suggestions").then().statusCode(200)
                .body("answers.requestId", hasItem(answered)); // the word still being typed, corrected too
        as(searcher).queryParam("q", "certificate " + token + " expired yesterday").get("/api/requests/suggestions")
                .then().statusCode(200)
                .body("answers.requestId", hasItem(answered)); // no title has every word: any of them will do
    }

    @Test
    void aGuideRanksAboveALinkAsRelevantAndPrivateLibrariesStayPrivate() {
        String token = word();
        String owner = unique("owner");
        String member = unique("member");
        Communities open = Communities.create(owner, "PUBLIC", "tls");
        String link = open.addResource("LINK", "Rotate " + token + " certificates", "tls");
        String guide = open.addResource("GUIDE", "Rotate " + token + " certificates", "tls");
        Communities closed = Communities.create(owner, "PRIVATE", "tls").member(member, "MEMBER");
        String secret = closed.addResource("GUIDE", "Rotate " + token + " certificates in the vault", "tls");
        String closedRequest = ask(member, "Rotate " + token + " certificates without downtime", closed.id(), false,
                "tls");

        as(unique("stranger")).queryParam("q", "rotate " + token).get("/api/requests/suggestions").then()
                .statusCode(200)
                .body("resources.resourceId", equalTo(List.of(guide, link)))
                .body("resources[0].type", equalTo("GUIDE"))
                .body("answers.requestId", not(hasItem(closedRequest)));
        as(member).queryParam("q", "rotate " + token).get("/api/requests/suggestions").then().statusCode(200)
                .body("resources.resourceId", hasItem(secret))
                .body("answers.requestId", not(hasItem(closedRequest))); // never one's own request
        as(owner).queryParam("q", "rotate " + token).get("/api/requests/suggestions").then().statusCode(200)
                .body("resources.resourceId", hasItem(secret)).body("answers.requestId", hasItem(closedRequest));
    }

    @Inject
    EntityManager entityManager;

    @Inject
    SearchVocabulary vocabulary;

    @Test
    void aWordStartInMostTitlesDoesNotCrowdOutTheSpecificWordWhenNoTitleHasEveryWord() {
        String token = word();
        String owner = unique("owner");
        Communities library = Communities.create(owner, "PUBLIC", "postgres");
        // 1,200 titles with "with" (written ahead of the one that matters, so a scan in table order meets them first)
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                INSERT INTO community_resource (id, community_id, type, title, tags, url)
                SELECT gen_random_uuid(), CAST(:community AS uuid), 'LINK', 'Notes ' || g || ' with care', '{}',
                       'https://wiki.example.com/notes/' || g
                FROM generate_series(1, 1200) g""").setParameter("community", library.id()).executeUpdate());
        try {
            String tuning = library.addResource("GUIDE", "Tuning " + token + " with care", "postgres");
            QuarkusTransaction.requiringNew().run(() -> {
                entityManager.createNativeQuery("ANALYZE community_resource").executeUpdate();
                vocabulary.refreshCommonWords();
            });
            assertThat(vocabulary.isCommonTitleStart("with")).isTrue();
            assertThat(vocabulary.isCommonTitleStart(token.substring(0, 5))).isFalse();

            // no title has the unknown word: any specific word will do, and "with" (in every title) is left out
            as(unique("searcher")).queryParam("q", token + " " + word() + " with").get("/api/requests/suggestions")
                    .then().statusCode(200).body("resources.resourceId", equalTo(List.of(tuning)));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> {
                entityManager.createNativeQuery("DELETE FROM community_resource WHERE url LIKE"
                        + " 'https://wiki.example.com/notes/%'").executeUpdate();
                entityManager.createNativeQuery("ANALYZE community_resource").executeUpdate();
                vocabulary.refreshCommonWords();
            });
        }
    }

    @Test
    void thePeopleShownAreThoseRoutingInvitesWhenThePersonAsks() {
        String owner = unique("owner");
        String expert = unique("expert");
        String learner = unique("learner");
        String asker = unique("asker");
        String tag = word();
        Communities community = Communities.create(owner, "PRIVATE", tag).member(expert, "MEMBER")
                .member(learner, "MEMBER").member(asker, "MEMBER").skills(expert, tag, "EXPERT")
                .skills(learner, tag, "LEARNING");

        List<String> shown = as(asker).queryParam("q", "stuck on it").queryParam("tags", tag)
                .queryParam("communityId", community.id()).get("/api/requests/suggestions").then().statusCode(200)
                .body("people[0].userId", equalTo(expert))
                .body("people[0].reason", containsString("EXPERT in " + tag))
                .extract().path("people.userId");
        String asked = ask(asker, "Stuck on it", community.id(), false, tag);
        List<String> invited = as(asker).get("/api/requests/" + asked + "/helpers").then().statusCode(200)
                .extract().path("findAll { it.kind == 'HELPER' }.userId");
        assertThat(invited).isEqualTo(shown);
        as(unique("stranger")).queryParam("q", "stuck").queryParam("tags", tag)
                .queryParam("communityId", community.id()).get("/api/requests/suggestions").then().statusCode(403)
                .contentType("application/problem+json").body("errors[0].field", equalTo("communityId"));
    }

    @Test
    void badInputGetsAProblemWithTheField() {
        String someone = unique("someone");
        as(someone).get("/api/requests/suggestions").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("q"));
        as(someone).queryParam("q", "?! ...").get("/api/requests/suggestions").then().statusCode(400)
                .body("errors[0].field", equalTo("q"));
        as(someone).queryParam("q", "x".repeat(201)).get("/api/requests/suggestions").then().statusCode(400)
                .body("errors[0].field", equalTo("q"));
        as(someone).queryParam("q", "vpn").queryParam("tags", "not a tag!").get("/api/requests/suggestions").then()
                .statusCode(400).body("errors[0].field", equalTo("tags"));
        as(someone).queryParam("q", "vpn").queryParam("limit", "0").get("/api/requests/suggestions").then()
                .statusCode(400).body("errors[0].field", equalTo("limit"));
        as(someone).queryParam("q", "vpn").queryParam("communityId", "nope").get("/api/requests/suggestions").then()
                .statusCode(400).body("errors[0].field", equalTo("communityId"));
        as(someone).body("{\"kind\":\"BOOK\",\"id\":\"" + java.util.UUID.randomUUID() + "\"}")
                .post("/api/requests/suggestions/solved").then().statusCode(400)
                .contentType("application/problem+json");
        as(someone).body("{\"kind\":\"REQUEST\"}").post("/api/requests/suggestions/solved").then().statusCode(400)
                .body("errors.field", hasItem("id"));
    }

    @Test
    void thisSolvedItIsRecordedOncePublishedAndCountedInTheCommunitysStats() {
        String token = word();
        String owner = unique("owner");
        String asker = unique("asker");
        String helper = unique("helper");
        String finder = unique("finder");
        Communities community = Communities.create(owner, "PUBLIC", "vpn").member(asker, "MEMBER")
                .member(helper, "MEMBER").member(finder, "MEMBER");
        String guide = community.addResource("GUIDE", "VPN " + token + " drops every hour", "vpn");
        String solved = ask(asker, "VPN " + token + " drops after sleep", community.id(), false, "vpn");
        as(asker).post("/api/requests/" + solved + "/responses/" + respond(helper, solved, "ANSWER") + "/accept")
                .then().statusCode(200);

        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            String first = as(finder).body("{\"kind\":\"RESOURCE\",\"id\":\"" + guide + "\",\"query\":\"vpn "
                            + token + " drops\"}").post("/api/requests/suggestions/solved").then().statusCode(201)
                    .body("kind", equalTo("RESOURCE")).body("targetId", equalTo(guide))
                    .body("communityId", equalTo(community.id())).body("query", equalTo("vpn " + token + " drops"))
                    .body("solvedAt", notNullValue()).extract().path("id");
            ConsumerRecord<String, String> event = assertPublished(probe, EventTypes.SELF_SERVED, guide);
            assertThat(event.value()).contains("\"userId\":\"" + finder + "\"").contains(first);
            as(finder).body("{\"kind\":\"RESOURCE\",\"id\":\"" + guide + "\"}").post("/api/requests/suggestions/solved")
                    .then().statusCode(200).body("id", equalTo(first));
        }
        as(finder).body("{\"kind\":\"REQUEST\",\"id\":\"" + solved + "\",\"query\":\"vpn drops\"}")
                .post("/api/requests/suggestions/solved").then().statusCode(201);
        as(owner).body("{\"kind\":\"RESOURCE\",\"id\":\"" + guide + "\"}").post("/api/requests/suggestions/solved")
                .then().statusCode(201);
        as(asker).body("{\"kind\":\"REQUEST\",\"id\":\"" + solved + "\"}").post("/api/requests/suggestions/solved")
                .then().statusCode(409);
        as(finder).body("{\"kind\":\"RESOURCE\",\"id\":\"" + java.util.UUID.randomUUID() + "\"}")
                .post("/api/requests/suggestions/solved").then().statusCode(404);

        as(owner).queryParam("communityId", community.id()).get("/api/requests/stats").then().statusCode(200)
                .body("selfServed", equalTo(3))
                .body("topSolutions[0].id", equalTo(guide)).body("topSolutions[0].kind", equalTo("RESOURCE"))
                .body("topSolutions[0].solved", equalTo(2))
                .body("topSolutions[1].id", equalTo(solved)).body("topSolutions[1].solved", equalTo(1));
    }
}
