-- Routing reads every member with one of a request's tags in scope (hundreds of rows per request): with the user and
-- the level in the index, that read never touches the table.
DROP INDEX member_skill_by_skill;
CREATE INDEX member_skill_by_skill ON member_skill (skill, community_id) INCLUDE (user_id, level);
