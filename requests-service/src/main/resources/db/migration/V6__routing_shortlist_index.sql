-- Routing ranks the people not asked this week from a starting point that turns with every request (a hash of the
-- user id, compared with one of the request): nobody is asked first week after week for the id they sign in with.
-- Its shortlist reads, per tag and level, the first few members from that point: with the level, the hash and the
-- user in the index, a short index-only range however large the community. Built once, while the table is locked
-- for writes (member skills change seldom, and the table is small next to requests).
ALTER TABLE member_skill ADD COLUMN rotation integer GENERATED ALWAYS AS (hashtext(user_id)) STORED;
CREATE INDEX member_skill_by_level ON member_skill (community_id, skill, level, rotation, user_id);
