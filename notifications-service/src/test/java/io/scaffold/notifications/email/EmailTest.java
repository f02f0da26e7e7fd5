package io.scaffold.notifications.email;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.notifications.Events;
import io.scaffold.notifications.MailServerResource;
import io.scaffold.notifications.repository.NotificationRepository;
import io.scaffold.notifications.service.DigestRun;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static io.scaffold.platform.testing.ApiCalls.as;
import static io.scaffold.platform.testing.ApiCalls.asPerson;
import static io.scaffold.platform.testing.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * E-mail through a real SMTP server in the test JVM: immediate mail with both bodies and a working one-click
 * unsubscribe, names from the token's claims (never an anonymous requester's), quiet hours, an SMTP outage, and
 * digests (grouped, never repeated, read items left out, once even when two runs race).
 */
@QuarkusTest
class EmailTest {
    private static final String CREATED = "scaffold.help-request.created.v1";

    @Inject
    DigestRun digests;

    @Inject
    EntityManager em;

    @Inject
    NotificationRepository notifications;

    /** The person calls the API once with these claims: notifications-service now knows their name and address. */
    private static String signIn(String user, String name) {
        String address = user + "@example.org";
        asPerson(user, Map.of("name", name, "email", address)).get("/api/notifications").then().statusCode(200);
        return address;
    }

    private static void awaitInbox(String user, int items) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> ((Integer) as(user)
                .get("/api/notifications").then().statusCode(200).extract().path("items.size()")) == items);
    }

    @Test
    void anInvitedHelperIsMailedAtOnceWithBothBodiesAndAOneClickUnsubscribeThatTurnsTheKindOff() throws Exception {
        String helper = unique("helper");
        String address = signIn(helper, "Helen Helper");
        String requester = unique("asker");
        Events.person(requester, "Rita Requester", requester + "@example.org", "Europe/Paris");
        String requestId = UUID.randomUUID().toString();
        await().atMost(Duration.ofSeconds(20)).until(() -> known(requester));
        Events.request(CREATED, requestId, Events.created(requestId, requester, false, null, null, List.of(helper)));

        Mailbox.Received mail = Mailbox.awaitCount(address, 1).get(0);
        assertThat(mail.subject()).isEqualTo("Rita Requester asked for help: Consumer lag after deploy");
        assertThat(mail.text()).contains("Hello Helen Helper", "Consumer lag after deploy",
                "https://scaffold.test/api/requests/" + requestId, "kafka");
        assertThat(mail.html()).contains("Hello Helen Helper", "href=\"https://scaffold.test/api/requests/"
                + requestId + "\"");
        assertThat(mail.header("List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(mail.header("Auto-Submitted")).isEqualTo("auto-generated");
        String unsubscribe = mail.header("List-Unsubscribe");
        assertThat(unsubscribe).startsWith("<https://scaffold.test/api/notifications/unsubscribe?token=").endsWith(">");
        assertThat(mail.html()).contains(unsubscribe.substring(1, unsubscribe.length() - 1));
        assertThat(as(helper).get("/api/notifications").path("items[0].title").toString())
                .isEqualTo("Rita Requester asked for help: Consumer lag after deploy");

        // the mail provider's one-click POST, without any sign-in (RFC 8058)
        URI link = URI.create(unsubscribe.substring(1, unsubscribe.length() - 1));
        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .post(link.getRawPath() + "?" + link.getRawQuery()).then().statusCode(200);
        as(helper).get("/api/notifications/preferences").then()
                .body("kinds.REQUEST_INVITATION.email", equalTo("OFF"))
                .body("kinds.REQUEST_INVITATION.inApp", equalTo(true));

        String second = UUID.randomUUID().toString();
        Events.request(CREATED, second, Events.created(second, requester, false, null, null, List.of(helper)));
        awaitInbox(helper, 2);
        Thread.sleep(1000); // several sender passes
        assertThat(Mailbox.of(address)).hasSize(1);
    }

    @Test
    void anInvitationThatArrivesBeforeThePersonsEventIsMailedOnceTheEventBringsTheAddress() {
        String helper = unique("helper");
        String requestId = UUID.randomUUID().toString();
        Events.request(CREATED, requestId, Events.created(requestId, unique("asker"), false, null, null,
                List.of(helper)));
        awaitInbox(helper, 1);
        assertThat(status(helper)).as("no address yet: nothing queued").isNull();

        String address = helper + "@example.org";
        Events.person(helper, "Lena Late", address, "Europe/Berlin");
        Mailbox.Received mail = Mailbox.awaitCount(address, 1).get(0);
        assertThat(mail.text()).contains("Hello Lena Late");
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(status(helper)));

        // a newer person event with the address again: the item is not mailed twice
        String seen = observedAt(helper);
        Events.person(helper, "Lena Late", address, "Europe/Berlin");
        // the newer event is applied (and its look for items to mail committed) in one transaction
        await().atMost(Duration.ofSeconds(20)).until(() -> !observedAt(helper).equals(seen));
        assertThat(messages(helper)).isEqualTo(1);
        assertThat(Mailbox.of(address)).hasSize(1);
    }

    @Test
    void anAddressRecordedWhileTheInvitationIsBeingWrittenIsNotMissed() {
        String helper = unique("helper");
        String address = helper + "@example.org";
        String requestId = UUID.randomUUID().toString();
        // a person event half applied: it holds the person's lock and has recorded the address, not yet committed
        QuarkusTransaction.requiringNew().run(() -> {
            notifications.lockAddressOf(helper);
            em.createNativeQuery("INSERT INTO known_person (user_id, name, email, observed_at)"
                    + " VALUES (:u, 'Rae Race', :e, now())").setParameter("u", helper).setParameter("e", address)
                    .executeUpdate();
            Events.request(CREATED, requestId, Events.created(requestId, unique("asker"), false, null, null,
                    List.of(helper)));
            // the invitation's fan-out found no address (not committed yet) and now waits for this transaction
            await().atMost(Duration.ofSeconds(20)).until(() -> waitingForAnAddressLock() > 0);
        });
        Mailbox.Received mail = Mailbox.awaitCount(address, 1).get(0);
        assertThat(mail.text()).contains("Hello Rae Race");
    }

    @Test
    void anAddressArrivingLongAfterAnItemDoesNotMailItNorItemsReadMeanwhile() {
        String helper = unique("helper");
        String old = UUID.randomUUID().toString();
        Events.request(CREATED, old, Events.created(old, unique("asker"), false, null, null, List.of(helper)));
        String read = UUID.randomUUID().toString();
        Events.request(CREATED, read, Events.created(read, unique("asker"), false, null, null, List.of(helper)));
        awaitInbox(helper, 2);
        // the first item is older than the address wait (1 h); the second was read in the app
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE notification SET created_at ="
                + " created_at - interval '2 hours' WHERE user_id = :u AND link LIKE :old").setParameter("u", helper)
                .setParameter("old", "%" + old).executeUpdate());
        long readId = ((Number) as(helper).get("/api/notifications").path("items.find { it.link.endsWith('" + read
                + "') }.id")).longValue();
        as(helper).post("/api/notifications/" + readId + "/read").then().statusCode(200);

        String address = helper + "@example.org";
        Events.person(helper, "Tom Toolate", address, null);
        await().atMost(Duration.ofSeconds(20)).until(() -> known(helper));
        assertThat(status(helper)).isNull();
        assertThat(Mailbox.of(address)).isEmpty();
    }

    @Test
    void aKindTurnedOffInTheAppButWantedByEmailIsMailedWithoutAnInboxItem() {
        String helper = unique("helper");
        String address = signIn(helper, "Mia Mailonly");
        as(helper).body("{\"kinds\":{\"REQUEST_INVITATION\":{\"inApp\":false,\"email\":\"IMMEDIATE\"}}}")
                .put("/api/notifications/preferences").then().statusCode(200);
        String community = UUID.randomUUID().toString();
        created(community, "Mail only");
        // the community's name comes from another topic: known before the request's mail is written
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() -> !em
                .createNativeQuery("SELECT 1 FROM community_view WHERE id = CAST(:c AS uuid)")
                .setParameter("c", community).getResultList().isEmpty()));
        String requestId = UUID.randomUUID().toString();
        Events.request(CREATED, requestId, Events.created(requestId, unique("asker"), false, community, "Mail only",
                List.of(helper)));

        Mailbox.Received mail = Mailbox.awaitCount(address, 1).get(0);
        assertThat(mail.subject()).endsWith("asked for help: Consumer lag after deploy");
        assertThat(mail.text()).contains("In Mail only.", "https://scaffold.test/api/requests/" + requestId);
        assertThat(as(helper).get("/api/notifications").path("items").toString()).isEqualTo("[]");
    }

    @Test
    void anUnsubscribeLinkOpenedInABrowserOnlyAsksAndAForgedOneIsRefused() {
        given().get("/api/notifications/unsubscribe?token=v1.abc.def").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("token"));
        given().post("/api/notifications/unsubscribe").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void anAnonymousRequesterIsNamedNowhereInTheMail() {
        String helper = unique("helper");
        String address = signIn(helper, "Hank Helper");
        String requester = unique("shy");
        Events.person(requester, "Sam Secret", requester + "@example.org", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> known(requester));
        String community = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();
        Events.request(CREATED, requestId, Events.created(requestId, requester, true, community, "Streams",
                List.of(helper)));
        Mailbox.Received mail = Mailbox.awaitCount(address, 1).get(0);
        assertThat(mail.subject()).isEqualTo("A member of Streams asked for help: Consumer lag after deploy");
        for (String part : new String[] {mail.subject(), mail.text(), mail.html()}) {
            assertThat(part).doesNotContain("Sam Secret").doesNotContain(requester);
        }
    }

    @Test
    void quietHoursHoldMailUntilTheyEndButNotMailAboutBlockingRequests() {
        String helper = unique("helper");
        String address = signIn(helper, "Quinn Quiet");
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        as(helper).body("{\"quietHours\":{\"from\":\"%s\",\"to\":\"%s\",\"timeZone\":\"UTC\"}}".formatted(
                        hhmm(now.minusHours(1)), hhmm(now.plusHours(2))))
                .put("/api/notifications/preferences").then().statusCode(200);
        String requester = unique("asker");
        String calm = UUID.randomUUID().toString();
        Events.request(CREATED, calm, Events.created(calm, requester, false, null, null, List.of(helper)));
        String blocking = UUID.randomUUID().toString();
        Events.request(CREATED, blocking, Events.created(blocking, requester, false, null, null, List.of(helper))
                .replace("\"urgency\":\"HIGH\"", "\"urgency\":\"BLOCKING\""));

        awaitInbox(helper, 2);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !Mailbox.of(address).isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no mail; queue: " + queue(helper) + " inbox: "
                    + as(helper).get("/api/notifications").asString(), e);
        }
        assertThat(Mailbox.of(address)).as("mail queue %s", queue(helper)).hasSize(1);
        assertThat(Mailbox.of(address).get(0).text()).contains(blocking);
        await().atMost(Duration.ofSeconds(10)).until(() -> heldUntil(helper) != null);
        assertThat(heldUntil(helper)).isAfter(Instant.now().plus(Duration.ofMinutes(55)));
        assertThat(Mailbox.of(address)).hasSize(1);
    }

    @Test
    void whileSmtpIsDownMailIsRetriedAndArrivesOnceItIsBack() throws Exception {
        String helper = unique("helper");
        String address = signIn(helper, "Olga Outage");
        MailServerResource.outage();
        try {
            String requestId = UUID.randomUUID().toString();
            Events.request(CREATED, requestId, Events.created(requestId, unique("asker"), false, null, null,
                    List.of(helper)));
            await().atMost(Duration.ofSeconds(20)).until(() -> attempts(helper) >= 2);
        } finally {
            MailServerResource.restore();
        }
        assertThat(Mailbox.awaitCount(address, 1)).hasSize(1);
        Thread.sleep(2000); // the backoff's longest wait: nothing is sent twice
        assertThat(Mailbox.of(address)).hasSize(1);
        assertThat(status(helper)).isEqualTo("SENT");
    }

    @Test
    void aStalledSmtpSessionIsGivenUpAfterTheSendTimeoutAndTheMailRetriedUntilItArrives() throws Exception {
        String helper = unique("helper");
        String address = signIn(helper, "Sam Stall");
        MailServerResource.stall();
        try {
            String requestId = UUID.randomUUID().toString();
            Events.request(CREATED, requestId, Events.created(requestId, unique("asker"), false, null, null,
                    List.of(helper)));
            // the test profile's send timeout is 2 s: a second attempt within seconds, not after the 2 min lease
            await().atMost(Duration.ofSeconds(15)).until(() -> attempts(helper) >= 2);
            assertThat(MailServerResource.stalledConnections()).isPositive();
        } finally {
            MailServerResource.restore();
        }
        assertThat(Mailbox.awaitCount(address, 1)).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(status(helper)));
    }

    @Test
    void aDigestListsUnreadItemsByCommunityOnceLeavesOutReadOnesAndNeverRepeatsAnItem() throws Exception {
        String member = unique("member");
        String address = signIn(member, "Dana Digest");
        String streams = UUID.randomUUID().toString();
        String frontend = UUID.randomUUID().toString();
        String owner = unique("owner");
        // membership approvals and role changes are DIGEST kinds by default
        approved(streams, "Streams", member, owner);
        created(frontend, "Frontend");
        Events.community("scaffold.membership.role-changed.v1", frontend, Events.membership(frontend, "Frontend",
                member, "FACILITATOR", "ACTIVE", owner).replace("\"role\":\"FACILITATOR\"",
                "\"role\":\"FACILITATOR\",\"previousRole\":\"MEMBER\""));
        String read = UUID.randomUUID().toString();
        approved(read, "Already Read", member, owner);
        awaitInbox(member, 3);
        long readId = ((Number) as(member).get("/api/notifications").path("items[0].id")).longValue();
        as(member).post("/api/notifications/" + readId + "/read").then().statusCode(200);

        Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
        // two replicas' runs at the same moment: one digest
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> digests.run(tomorrow));
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> digests.run(tomorrow));
        first.join();
        second.join();
        Mailbox.Received digest = Mailbox.awaitCount(address, 1).get(0);
        assertThat(digest.subject()).isEqualTo("Your Scaffold digest: 2 unread items");
        assertThat(digest.text()).contains("Hello Dana Digest", "== Streams ==", "You joined Streams",
                "== Frontend ==", "Your role in Frontend is now facilitator").doesNotContain("Already Read");
        assertThat(digest.html()).contains("<h3 style=\"font-size: 16px; border-bottom: 1px solid #d1d9e0;\">Streams"
                + "</h3>");
        assertThat(digest.header("List-Unsubscribe")).contains("/api/notifications/unsubscribe?token=");

        // nothing new: no mail; something new: only that
        assertThat(digests.run(tomorrow.plus(Duration.ofDays(1)))).isZero();
        String later = UUID.randomUUID().toString();
        approved(later, "Later", member, owner);
        awaitInbox(member, 4);
        digests.run(Instant.now().plus(Duration.ofDays(3)));
        Mailbox.Received next = Mailbox.awaitCount(address, 2).get(1);
        assertThat(next.subject()).isEqualTo("Your Scaffold digest: 1 unread item");
        assertThat(next.text()).contains("You joined Later").doesNotContain("Streams");
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(Mailbox.of(address)).hasSize(2);
    }

    @Test
    void theDigestGoesOutAtThePersonsOwnTimeInTheirZone() {
        String member = unique("member");
        String address = signIn(member, "Tokyo Tom");
        as(member).body("{\"digest\":{\"frequency\":\"WEEKLY\",\"at\":\"09:00\",\"dayOfWeek\":\"MONDAY\","
                + "\"timeZone\":\"Asia/Tokyo\"}}").put("/api/notifications/preferences").then().statusCode(200)
                .body("digest.frequency", equalTo("WEEKLY")).body("digest.timeZone", equalTo("Asia/Tokyo"));
        String community = UUID.randomUUID().toString();
        approved(community, "Weekly", member, unique("owner"));
        awaitInbox(member, 1);
        java.time.ZonedDateTime nextMonday = java.time.ZonedDateTime.now(java.time.ZoneId.of("Asia/Tokyo"))
                .with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY))
                .withHour(9).withMinute(0).withSecond(0).withNano(0);
        assertThat(digests.run(nextMonday.minusMinutes(1).toInstant())).isZero();
        digests.run(nextMonday.plusMinutes(1).toInstant());
        assertThat(Mailbox.awaitCount(address, 1).get(0).text()).contains("You joined Weekly");
        as(member).body("{\"digest\":{\"timeZone\":\"Mars/Olympus\"}}").put("/api/notifications/preferences")
                .then().statusCode(400).body("errors[0].field", equalTo("digest.timeZone"));
    }

    /** communities-service created the community (the projection learns its name from this). */
    private static void created(String communityId, String name) {
        Events.community("scaffold.community.created.v1", communityId, "{\"communityId\":\"" + communityId
                + "\",\"communityName\":\"" + name + "\",\"visibility\":\"PUBLIC\",\"actorId\":\"o\","
                + "\"occurredAt\":\"" + Instant.now() + "\",\"description\":\"\",\"tags\":[],\"archived\":false}");
    }

    /** communities-service approved the member's request to join (scaffold.membership.approved.v1). */
    private static void approved(String communityId, String name, String member, String owner) {
        created(communityId, name);
        Events.community("scaffold.membership.approved.v1", communityId, Events.membership(communityId, name, member,
                "MEMBER", "ACTIVE", owner).replace("\"status\":\"ACTIVE\"",
                "\"status\":\"ACTIVE\",\"previousStatus\":\"PENDING\""));
    }

    /** The person's mail queue, for failure messages. */
    private List<?> queue(String user) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("SELECT id, kind, status, attempts,"
                + " CAST(next_attempt_at AS text), last_error, urgent FROM email_message WHERE user_id = :u", Object[].class)
                .setParameter("u", user).getResultList().stream().map(r -> java.util.Arrays.toString((Object[]) r))
                .toList());
    }

    private static String hhmm(LocalTime time) {
        return String.format("%02d:%02d", time.getHour(), time.getMinute());
    }

    private boolean known(String user) {
        return QuarkusTransaction.requiringNew().call(() -> !em.createNativeQuery(
                "SELECT 1 FROM known_person WHERE user_id = :u").setParameter("u", user).getResultList().isEmpty());
    }

    private long messages(String user) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM email_message WHERE user_id = :u").setParameter("u", user).getSingleResult())
                .longValue());
    }

    private long waitingForAnAddressLock() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("SELECT count(*) FROM pg_locks"
                + " WHERE locktype = 'advisory' AND NOT granted AND classid = CAST(:ns AS oid)")
                .setParameter("ns", NotificationRepository.ADDRESS_LOCK).getSingleResult()).longValue());
    }

    private String observedAt(String user) {
        return QuarkusTransaction.requiringNew().call(() -> String.valueOf(em.createNativeQuery(
                "SELECT CAST(observed_at AS text) FROM known_person WHERE user_id = :u").setParameter("u", user)
                .getSingleResult()));
    }

    private Instant heldUntil(String user) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = em.createNativeQuery("SELECT next_attempt_at FROM email_message WHERE user_id = :u"
                    + " AND status = 'PENDING' AND attempts = 0 AND next_attempt_at > now() + interval '10 minutes'")
                    .setParameter("u", user).getResultList();
            return rows.isEmpty() ? null : toInstant(rows.get(0));
        });
    }

    private int attempts(String user) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT coalesce(max(attempts), 0) FROM email_message WHERE user_id = :u")
                .setParameter("u", user).getSingleResult()).intValue());
    }

    /** The person's one message's status; null before it is queued. */
    private String status(String user) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = em.createNativeQuery("SELECT status FROM email_message WHERE user_id = :u")
                    .setParameter("u", user).getResultList();
            return rows.isEmpty() ? null : (String) rows.get(0);
        });
    }

    private String lastError(String user) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = em.createNativeQuery("SELECT last_error FROM email_message WHERE user_id = :u")
                    .setParameter("u", user).getResultList();
            return rows.isEmpty() ? null : (String) rows.get(0);
        });
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
