package io.scaffold.notifications.service;

import io.scaffold.notifications.domain.CommunitySetting;
import io.scaffold.notifications.domain.EmailDelivery;
import io.scaffold.notifications.domain.NotificationKind;
import io.scaffold.notifications.domain.QuietHours;
import io.scaffold.notifications.repository.MembershipDirectory;
import io.scaffold.notifications.repository.PreferenceRepository;
import io.scaffold.notifications.rest.dto.PreviewView;
import io.scaffold.platform.problem.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * For a community's owners and facilitators: who an event in their community would notify, from the same audiences
 * and preferences the fan-out applies.
 */
@ApplicationScoped
public class AudiencePreview {
    /** The rule table's community audiences, and the events that notify one named person. */
    private static final Map<String, Rule> RULES = Map.of(
            "scaffold.help-request.created.v1", new Rule(NotificationKind.COMMUNITY_REQUEST,
                    "members who follow the community's new requests", CommunitySetting.NEW_REQUESTS, false,
                    "The helpers routing invites (REQUEST_INVITATION) are chosen when the request is created;"
                            + " they get the invitation instead. The requester is never told of their own request."),
            "scaffold.help-request.escalated.v1", new Rule(NotificationKind.ESCALATION,
                    "the community's owners and facilitators (the facilitators' rung)", null, true,
                    "The first rung asks the next helpers routing picks; the last asks the L&D desk"
                            + " (DESK_ESCALATION, which nobody can turn off)."),
            "scaffold.membership.requested.v1", new Rule(NotificationKind.MEMBERSHIP_REQUESTED,
                    "the community's owners and facilitators", null, true, "The person asking is never told."),
            "scaffold.resource.added.v1", new Rule(NotificationKind.RESOURCE_ADDED,
                    "members who follow the community's library", CommunitySetting.NEW_RESOURCES, false,
                    "The author is never told of their own resource."),
            "scaffold.help-request.responded.v1", Rule.person(NotificationKind.RESPONSE_POSTED, "the requester"),
            "scaffold.help-request.response-accepted.v1",
            Rule.person(NotificationKind.ANSWER_ACCEPTED, "the helper whose answer was accepted"),
            "scaffold.membership.invited.v1", Rule.person(NotificationKind.MEMBERSHIP_INVITATION, "the invited person"),
            "scaffold.membership.approved.v1", Rule.person(NotificationKind.MEMBERSHIP_APPROVED, "that member"),
            "scaffold.membership.role-changed.v1", Rule.person(NotificationKind.ROLE_CHANGED, "that member"));

    private record Rule(NotificationKind kind, String audience, CommunitySetting followers, boolean managers,
            String note) {
        static Rule person(NotificationKind kind, String who) {
            return new Rule(kind, who, null, false, "Only " + who + " is notified, unless that person caused the"
                    + " event themselves.");
        }
    }

    private final MembershipDirectory memberships;
    private final PreferenceRepository preferences;

    public AudiencePreview(MembershipDirectory memberships, PreferenceRepository preferences) {
        this.memberships = memberships;
        this.preferences = preferences;
    }

    @Transactional
    public PreviewView preview(String callerId, String eventType, UUID communityId, int limit) {
        Rule rule = RULES.get(eventType);
        if (rule == null) {
            throw ApiProblem.invalid("eventType", "must be an event type of the rule table: "
                    + String.join(", ", RULES.keySet().stream().sorted().toList()));
        }
        authorize(callerId, communityId);
        List<String> picked = rule.managers() ? memberships.managers(communityId)
                : rule.followers() != null ? memberships.followers(communityId, rule.followers()) : List.of();
        Map<String, String> excludedWhy = preferences.exclusions(picked, rule.kind(), communityId);
        List<String> notified = picked.stream().filter(user -> !excludedWhy.containsKey(user)).toList();
        List<String> shown = notified.subList(0, Math.min(limit, notified.size()));
        Map<String, EmailDelivery> email = preferences.emailChoices(shown, rule.kind());
        Map<String, QuietHours> quiet = preferences.quietHours(shown);
        Instant now = Instant.now();
        List<PreviewView.Recipient> recipients = new ArrayList<>();
        for (String user : shown) {
            recipients.add(new PreviewView.Recipient(user, rule.audience(),
                    email.getOrDefault(user, rule.kind().defaultEmail()),
                    !QuietHours.allowsPush(quiet.get(user), null, now)));
        }
        List<PreviewView.Excluded> excluded = excludedWhy.entrySet().stream().limit(limit)
                .map(e -> new PreviewView.Excluded(e.getKey(), e.getValue())).toList();
        return new PreviewView(eventType, communityId, rule.kind(), rule.audience(), notified.size(), recipients,
                excludedWhy.size(), excluded, List.of(rule.note()));
    }

    /** Owners and facilitators only; a private community stays invisible to people outside it. */
    private void authorize(String callerId, UUID communityId) {
        String role = memberships.role(communityId, callerId).orElse(null);
        if (role == null) {
            if (!"PUBLIC".equals(memberships.visibility(communityId).orElse(null))) {
                throw ApiProblem.notFound("Community", communityId);
            }
            throw ApiProblem.forbidden("Only the community's owners and facilitators can preview its notifications");
        }
        if (!role.equals("OWNER") && !role.equals("FACILITATOR")) {
            throw ApiProblem.forbidden("Only the community's owners and facilitators can preview its notifications");
        }
    }
}
