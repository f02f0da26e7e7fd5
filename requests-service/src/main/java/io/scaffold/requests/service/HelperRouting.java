package io.scaffold.requests.service;

import io.scaffold.requests.config.RequestsConfig;
import io.scaffold.requests.domain.AudienceKind;
import io.scaffold.requests.domain.HelpRequest;
import io.scaffold.requests.domain.SkillLevel;
import io.scaffold.requests.repository.CommunityDirectory;
import io.scaffold.requests.repository.InvitationRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Picks the people to ask: helpers ranked by skill on the request's tags (at creation and at the first escalation),
 * then the community's facilitators, then the L&D desk. Every invitation is recorded with its reason, inside the
 * caller's transaction.
 */
@ApplicationScoped
public class HelperRouting {
    private final InvitationRepository invitations;
    private final CommunityDirectory directory;
    private final RequestsConfig config;

    public HelperRouting(InvitationRepository invitations, CommunityDirectory directory, RequestsConfig config) {
        this.invitations = invitations;
        this.directory = directory;
        this.config = config;
    }

    /** Invites the best {@code count} helpers not asked yet; returns their ids, best first. */
    public List<String> inviteHelpers(HelpRequest request, int level, int count, Instant now) {
        List<InvitationRepository.Candidate> ranked = invitations.rankHelpers(request.id, request.communityId,
                request.requesterId, request.tags, config.routing().maxInvitationsPerWeek(), count, level == 0, now);
        List<InvitationRepository.Invitation> invited = new ArrayList<>(ranked.size());
        for (InvitationRepository.Candidate candidate : ranked) {
            invited.add(new InvitationRepository.Invitation(candidate.userId(), AudienceKind.HELPER, level,
                    invited.size(), score(candidate), reason(candidate), now));
        }
        invitations.invite(request.id, invited);
        return invited.stream().map(InvitationRepository.Invitation::userId).toList();
    }

    /**
     * Who {@link #inviteHelpers} would invite first if {@code requesterId} asked now with these tags (in the
     * community, or without one), with the reasons it would record; nothing is written.
     */
    public List<Preview> preview(java.util.UUID communityId, String requesterId, List<String> tags, Instant now) {
        return invitations.rankHelpers(java.util.UUID.randomUUID(), communityId, requesterId, tags,
                        config.routing().maxInvitationsPerWeek(), config.routing().initialHelpers(), true, now)
                .stream().map(c -> new Preview(c.userId(), reason(c))).toList();
    }

    /** A person routing would invite, and why. */
    public record Preview(String userId, String reason) {
    }

    /** Owners and facilitators of the request's community (or, without one, of public communities on its topics). */
    public List<String> inviteFacilitators(HelpRequest request, int level, Instant now) {
        List<String> people = request.communityId != null
                ? invitations.facilitators(request.id, request.communityId, request.requesterId)
                : invitations.facilitatorsByTopic(request.id, request.tags, request.requesterId,
                        config.routing().maxFacilitators());
        String reason = request.communityId != null ? "facilitates " + request.communityName
                : "facilitates a community on " + String.join(", ", request.tags);
        return record(request, people, AudienceKind.FACILITATOR, level, reason, now);
    }

    /** The L&D desk: people configured as such and people seen with the desk role in their token. */
    public List<String> inviteDesk(HelpRequest request, int level, Instant now) {
        Set<String> desk = new LinkedHashSet<>(config.ldDesk().users().orElse(List.of()));
        desk.addAll(directory.deskMembers());
        desk.remove(request.requesterId);
        List<String> notYetAsked = desk.stream().filter(u -> !invitations.isInvited(request.id, u)).toList();
        return record(request, notYetAsked, AudienceKind.LD_DESK, level, "L&D desk", now);
    }

    private List<String> record(HelpRequest request, List<String> people, AudienceKind kind, int level, String reason,
            Instant now) {
        List<InvitationRepository.Invitation> invited = new ArrayList<>(people.size());
        for (String userId : people) {
            invited.add(new InvitationRepository.Invitation(userId, kind, level, invited.size(), 0, reason, now));
        }
        invitations.invite(request.id, invited);
        return people;
    }

    /** Declared level dominates; accepted help breaks ties within a level. */
    static int score(InvitationRepository.Candidate candidate) {
        return candidate.level() * 1000 + (int) Math.min(999, candidate.acceptedHelp());
    }

    static String reason(InvitationRepository.Candidate candidate) {
        String level = SkillLevel.values()[candidate.level() - 1].name();
        String reason = level + " in " + String.join(", ", candidate.matchedSkills());
        return candidate.acceptedHelp() == 0 ? reason
                : reason + "; " + candidate.acceptedHelp() + " accepted answer" + (candidate.acceptedHelp() == 1 ? ""
                        : "s") + " on these tags";
    }
}
