package io.scaffold.notifications.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The rule table: which event notifies whom, as what. The actor of an event is never notified of their own action,
 * and an anonymous requester is never named to anyone else. The README lists the same table.
 */
public final class NotificationRules {
    private NotificationRules() {
    }

    /**
     * @param audiences who manages a community, from the local projection
     * @param people    how people are named in titles and bodies
     * @return the notifications to write (one draft per kind), empty when the event notifies nobody
     */
    public static List<Draft> plan(String type, JsonNode data, Audiences audiences, People people) {
        return switch (type) {
            case "scaffold.help-request.created.v1" -> created(data, people);
            case "scaffold.help-request.responded.v1" -> request(data, List.of(text(data, "requesterId")),
                    NotificationKind.RESPONSE_POSTED, "New response to your request: " + text(data, "title"),
                    name(data, "responderId", people) + ("OFFER".equals(data.path("kind").asText()) ? " offered to help."
                            : " answered."));
            case "scaffold.help-request.response-accepted.v1" -> request(data, List.of(text(data, "helperId")),
                    NotificationKind.ANSWER_ACCEPTED, "Your answer was accepted: " + text(data, "title"),
                    (anonymous(data) ? "The requester" : name(data, "requesterId", people))
                            + " marked it as the help that solved the problem.");
            case "scaffold.help-request.escalated.v1" -> escalated(data, people);
            case "scaffold.membership.requested.v1" -> community(data,
                    audiences.managers(uuid(data, "communityId")), NotificationKind.MEMBERSHIP_REQUESTED,
                    name(data, "userId", people) + " asked to join " + text(data, "communityName"),
                    "Approve or reject the request.", "/members?status=PENDING");
            case "scaffold.membership.invited.v1" -> community(data, List.of(text(data, "userId")),
                    NotificationKind.MEMBERSHIP_INVITATION, "You are invited to join " + text(data, "communityName"),
                    name(data, "actorId", people) + " invited you; join to accept.", "");
            case "scaffold.membership.approved.v1" -> community(data, List.of(text(data, "userId")),
                    NotificationKind.MEMBERSHIP_APPROVED, "You joined " + text(data, "communityName"),
                    "Your request to join was approved.", "");
            case "scaffold.membership.role-changed.v1" -> community(data, List.of(text(data, "userId")),
                    NotificationKind.ROLE_CHANGED, "Your role in " + text(data, "communityName") + " is now "
                            + text(data, "role").toLowerCase(), "It was " + data.path("previousRole").asText("")
                            .toLowerCase() + ".", "");
            case "scaffold.resource.added.v1" -> community(data, List.of(), NotificationKind.RESOURCE_ADDED, "New in " + text(data, "communityName") + ": "
                            + text(data, "title"), name(data, "authorId", people) + " added a "
                            + text(data, "type").toLowerCase() + " to the library.",
                    "/resources/" + text(data, "resourceId"), CommunitySetting.NEW_RESOURCES);
            default -> List.of();
        };
    }

    /**
     * The invited helpers are asked; the community's members who follow its new requests hear of it too (once: an
     * invited helper gets only the invitation).
     */
    private static List<Draft> created(JsonNode data, People people) {
        List<String> helpers = ids(data.path("invitedHelperIds"));
        List<Draft> drafts = new ArrayList<>(request(data, helpers, NotificationKind.REQUEST_INVITATION,
                asker(data, people) + " asked for help: " + text(data, "title"),
                "You were invited because your skills match " + tags(data) + "."));
        String community = data.path("communityId").asText(null);
        if (community != null) {
            Set<String> except = new LinkedHashSet<>(helpers);
            except.add(text(data, "requesterId"));
            drafts.addAll(draft(data, List.of(), new Draft.Followers(UUID.fromString(community),
                            CommunitySetting.NEW_REQUESTS, except), NotificationKind.COMMUNITY_REQUEST,
                    "New request in " + text(data, "communityName") + ": " + text(data, "title"),
                    asker(data, people) + " asked for help on " + tags(data) + ".", "/api/requests/" + text(data, "requestId"),
                    text(data, "requestId"), UUID.fromString(community), data.path("urgency").asText(null)));
        }
        return drafts;
    }

    /** The rung's new audience; the L&D desk, the last rung, gets the critical kind. */
    private static List<Draft> escalated(JsonNode data, People people) {
        JsonNode audience = data.path("audience");
        boolean desk = "LD_DESK".equals(audience.path("kind").asText());
        return request(data, ids(audience.path("userIds")),
                desk ? NotificationKind.DESK_ESCALATION : NotificationKind.ESCALATION,
                "Still unanswered: " + text(data, "title"), asker(data, people) + " is waiting for help; nobody has "
                        + "responded yet. You are asked as " + audience(audience.path("kind").asText()) + ".");
    }

    private static List<Draft> request(JsonNode data, List<String> recipients, NotificationKind kind,
            String title, String body) {
        String requestId = text(data, "requestId");
        String communityId = data.path("communityId").asText(null);
        return draft(data, recipients, null, kind, title, body, "/api/requests/" + requestId, requestId,
                communityId == null ? null : UUID.fromString(communityId), data.path("urgency").asText(null));
    }

    private static List<Draft> community(JsonNode data, List<String> recipients, NotificationKind kind,
            String title, String body, String linkSuffix) {
        return community(data, recipients, kind, title, body, linkSuffix, null);
    }

    /** With {@code followers}: the community's members who opted in to it are told too. */
    private static List<Draft> community(JsonNode data, List<String> recipients, NotificationKind kind,
            String title, String body, String linkSuffix, CommunitySetting followers) {
        UUID communityId = uuid(data, "communityId");
        return draft(data, recipients, followers == null ? null : new Draft.Followers(communityId, followers,
                        Set.of()), kind, title, body, "/api/communities/" + communityId + linkSuffix,
                communityId.toString(), communityId, null);
    }

    private static List<Draft> draft(JsonNode data, List<String> recipients, Draft.Followers followers,
            NotificationKind kind, String title, String body, String link, String subjectId, UUID communityId,
            String urgency) {
        Set<String> people = new LinkedHashSet<>(recipients);
        String actor = data.path("actorId").asText(null);
        Draft.Followers audience = followers;
        if (actor != null) {
            people.remove(actor); // nobody is told about what they did themselves
            if (followers != null) {
                Set<String> except = new LinkedHashSet<>(followers.except());
                except.add(actor);
                audience = new Draft.Followers(followers.communityId(), followers.setting(), except);
            }
        }
        if (people.isEmpty() && audience == null) {
            return List.of();
        }
        return List.of(new Draft(new ArrayList<>(people), audience, kind, clip(title, 200), clip(body, 500), link,
                subjectId, communityId, urgency));
    }

    /** How the requester is named: by name, or, when they asked anonymously, by their community only. */
    static String asker(JsonNode data, People people) {
        if (!anonymous(data)) {
            return name(data, "requesterId", people);
        }
        String community = data.path("communityName").asText(null);
        return community == null ? "A colleague" : "A member of " + community;
    }

    private static boolean anonymous(JsonNode data) {
        return data.path("anonymous").asBoolean(false);
    }

    private static String audience(String kind) {
        return switch (kind) {
            case "FACILITATOR" -> "a facilitator";
            case "LD_DESK" -> "the L&D desk";
            default -> "someone with matching skills";
        };
    }

    private static String tags(JsonNode data) {
        List<String> tags = ids(data.path("tags"));
        return tags.isEmpty() ? "the request" : String.join(", ", tags);
    }

    private static List<String> ids(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> {
            if (value.isTextual() && !value.asText().isBlank()) {
                values.add(value.asText());
            }
        });
        return values;
    }

    /** The person the field names, by name where one is known. */
    private static String name(JsonNode data, String field, People people) {
        return people.nameOf(text(data, field));
    }

    static String text(JsonNode data, String field) {
        String value = data.path(field).asText(null);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("event data has no " + field);
        }
        return value;
    }

    static UUID uuid(JsonNode data, String field) {
        return UUID.fromString(text(data, field));
    }

    private static String clip(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
