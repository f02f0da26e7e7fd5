package io.scaffold.notifications.repository;

import io.scaffold.notifications.domain.People;
import io.scaffold.platform.people.KnownPeople;
import io.scaffold.platform.people.PersonClaims;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * The people this service knows, from their own calls and from the other services' person events: names for titles,
 * addresses and zones for e-mail.
 */
@ApplicationScoped
public class PersonDirectory {
    private final KnownPeople people;

    public PersonDirectory(KnownPeople people) {
        this.people = people;
    }

    /** A person event from another service (the newest claims win, whatever the order events arrive in). */
    public void record(com.fasterxml.jackson.databind.JsonNode data) {
        String userId = data.path("userId").asText("");
        if (userId.isBlank() || !data.path("observedAt").isTextual()) {
            throw new IllegalArgumentException("a person event needs userId and observedAt");
        }
        java.time.Instant observedAt;
        try {
            observedAt = java.time.Instant.parse(data.path("observedAt").asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("observedAt is not a date-time");
        }
        people.observed(PersonClaims.recorded(userId, data.path("name").asText(null), data.path("email").asText(null),
                data.path("zoneinfo").asText(null), data.path("locale").asText(null)), observedAt);
    }

    public Map<String, PersonClaims> find(List<String> userIds) {
        return people.find(userIds);
    }

    /** Names looked up as the rules ask for them, once per person within one event. */
    public People namesForOneEvent() {
        Map<String, String> names = new java.util.HashMap<>();
        return userId -> names.computeIfAbsent(userId, id -> {
            PersonClaims claims = people.find(List.of(id)).get(id);
            return claims == null || claims.name() == null ? id : claims.name();
        });
    }
}
