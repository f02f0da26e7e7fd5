package io.scaffold.communities.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.scaffold.communities.domain.Community;
import io.scaffold.platform.tags.Tags;
import io.scaffold.communities.repository.CommunityRepository;
import io.scaffold.communities.repository.EarnedSkillRepository;
import io.scaffold.communities.service.ResourceService;
import io.scaffold.platform.consumer.IdempotentConsumer;
import io.scaffold.platform.deadletter.ReplayableConsumer;
import io.scaffold.platform.consumer.IncomingEvent;
import io.scaffold.platform.consumer.PoisonEventException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.Set;

/**
 * What communities-service takes from requests-service's events: accepted help earns the helper the request's tags
 * as skills in its community; a request published as a guide becomes a GUIDE resource (once per request).
 */
@ApplicationScoped
public class RequestEventsConsumer implements ReplayableConsumer {
    static final String CONSUMER = "communities-service";
    static final String RESPONSE_ACCEPTED = "scaffold.help-request.response-accepted.v1";
    static final String PUBLISHED = "scaffold.help-request.published.v1";
    private static final Logger LOG = Logger.getLogger(RequestEventsConsumer.class);

    private final IdempotentConsumer consumer;
    private final CommunityRepository communities;
    private final EarnedSkillRepository earnedSkills;
    private final ResourceService resources;

    public RequestEventsConsumer(IdempotentConsumer consumer, CommunityRepository communities,
            EarnedSkillRepository earnedSkills, ResourceService resources) {
        this.consumer = consumer;
        this.communities = communities;
        this.earnedSkills = earnedSkills;
        this.resources = resources;
    }

    @Incoming("requests-events")
    @Blocking
    public void onEvent(ConsumerRecord<String, String> record) {
        consumer.handle(CONSUMER, record, this::apply);
    }

    void apply(IncomingEvent event) {
        switch (event.type()) {
            case RESPONSE_ACCEPTED -> creditHelper(event.data());
            case PUBLISHED -> publishGuide(event.data());
            default -> {
                // Other request events are not this service's business.
            }
        }
    }

    private void creditHelper(JsonNode data) {
        UUID communityId = optionalUuid(data, "communityId");
        String helperId = required(data, "helperId");
        if (communityId == null || communities.findByIdOptional(communityId).isEmpty()) {
            return; // help outside a community known here earns no community skill
        }
        for (String tag : tags(data)) {
            earnedSkills.credit(communityId, helperId, tag);
        }
    }

    private void publishGuide(JsonNode data) {
        UUID requestId = optionalUuid(data, "requestId");
        UUID communityId = optionalUuid(data, "communityId");
        if (requestId == null) {
            throw new PoisonEventException("published request without requestId");
        }
        // Locked like every change to a community's state, so a snapshot page never interleaves with it.
        Community community = communityId == null ? null : communities.findForUpdate(communityId).orElse(null);
        if (community == null) {
            LOG.infof("guide for request %s not created: community %s unknown here", requestId, communityId);
            return;
        }
        String body = data.path("guide").asText(data.path("body").asText(""));
        resources.addGuideFromRequest(community, requestId, required(data, "title"), body, tags(data),
                required(data, "publishedBy"), null);
    }

    private static List<String> tags(JsonNode data) {
        List<String> raw = new ArrayList<>();
        data.path("tags").forEach(tag -> raw.add(tag.asText()));
        return Tags.normalizeAll(raw);
    }

    private static String required(JsonNode data, String field) {
        String value = data.path(field).asText(null);
        if (value == null || value.isBlank()) {
            throw new PoisonEventException("event data has no " + field);
        }
        return value;
    }

    private static UUID optionalUuid(JsonNode data, String field) {
        JsonNode value = data.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return UUID.fromString(value.asText());
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException(field + " is not a UUID: " + value.asText());
        }
    }

    @Override
    public Set<String> topics() {
        return Set.of("scaffold.requests.events");
    }

    /** A dead letter replayed by an operator takes the same idempotent path as a record from the channel. */
    @Override
    public boolean replay(ConsumerRecord<String, String> record) {
        return consumer.handle(CONSUMER, record, this::apply);
    }
}
