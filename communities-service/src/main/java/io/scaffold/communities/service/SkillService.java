package io.scaffold.communities.service;

import io.scaffold.communities.config.CommunitiesConfig;
import io.scaffold.communities.domain.CommunityPolicy;
import io.scaffold.communities.domain.MemberSkill;
import io.scaffold.communities.domain.SkillLevel;
import io.scaffold.platform.tags.Tags;
import io.scaffold.communities.event.CommunityEvents;
import io.scaffold.communities.repository.SkillRepository;
import io.scaffold.communities.rest.dto.ExpertView;
import io.scaffold.communities.rest.dto.MemberView;
import io.scaffold.communities.rest.dto.SkillView;
import io.scaffold.platform.problem.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Members' declared skills and the ranking of experts for a skill. */
@ApplicationScoped
public class SkillService {
    private final SkillRepository skills;
    private final CommunityAccess access;
    private final CommunityEvents events;
    private final CommunitiesConfig config;

    public SkillService(SkillRepository skills, CommunityAccess access, CommunityEvents events,
            CommunitiesConfig config) {
        this.skills = skills;
        this.access = access;
        this.events = events;
        this.config = config;
    }

    /** A member replaces their own skill list in a community; a skill named twice keeps its last level. */
    @Transactional
    public MemberView declare(UUID communityId, String userId, List<SkillView> declared, String callerId) {
        if (!userId.equals(callerId)) {
            throw ApiProblem.forbidden("Members declare their own skills only");
        }
        // Locked like every change to a community's state, so a snapshot page never interleaves with it.
        CommunityAccess.Seen seen = access.visibleForUpdate(communityId, callerId);
        if (!CommunityPolicy.isActive(seen.caller())) {
            throw ApiProblem.forbidden("Only members of the community can declare skills in it");
        }
        CommunityAccess.requireNotArchived(seen.community());
        Map<String, SkillLevel> levels = new LinkedHashMap<>();
        for (SkillView skill : declared) {
            levels.put(Tags.normalize(skill.skill()), skill.level());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<MemberSkill> rows = new ArrayList<>();
        levels.forEach((name, level) -> {
            MemberSkill row = new MemberSkill();
            row.communityId = communityId;
            row.userId = userId;
            row.skill = name;
            row.level = level;
            row.declaredAt = now;
            rows.add(row);
        });
        skills.replace(communityId, userId, rows);
        events.skills(seen.community(), userId, rows);
        return CommunityMapper.member(seen.caller(), rows);
    }

    /** Members ranked for a skill: declared level, then help accepted on it; ties broken deterministically. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ExpertView> experts(UUID communityId, String skill, Integer limit, String callerId) {
        String normalized = Tags.normalize(skill);
        if (normalized == null) {
            throw ApiProblem.invalid("skill", skill == null || skill.isBlank() ? "is required" : "is not a valid skill");
        }
        int size = limit == null ? config.maxExperts() : limit;
        if (size < 1 || size > config.maxExperts()) {
            throw ApiProblem.invalid("limit", "must be between 1 and " + config.maxExperts());
        }
        access.content(communityId, callerId);
        List<SkillRepository.Expert> ranked = skills.experts(communityId, normalized, size);
        List<ExpertView> views = new ArrayList<>(ranked.size());
        for (int i = 0; i < ranked.size(); i++) {
            SkillRepository.Expert e = ranked.get(i);
            views.add(new ExpertView(e.userId(), e.level() == null ? null : SkillLevel.valueOf(e.level()),
                    e.acceptedHelp(), i + 1));
        }
        return views;
    }
}
