-- Routing's shortlist reads, per tag and level, the first few members of a community in user order: with the level
-- and the user in the index, that is a short index-only range however large the community (built once, while the
-- table is locked for writes; member skills change seldom and the table is small next to requests).
CREATE INDEX member_skill_by_level ON member_skill (community_id, skill, level, user_id);
