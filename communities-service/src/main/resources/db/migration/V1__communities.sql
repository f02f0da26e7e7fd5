-- communities-service schema: communities, memberships, member skills, shared resources.

-- Tags are stored normalised (lower case); this immutable helper lets them feed a generated search vector.
CREATE FUNCTION scaffold_tags_text(tags text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT coalesce(array_to_string(tags, ' '), '') $$;

CREATE TABLE community (
    id           uuid PRIMARY KEY,
    name         text        NOT NULL,
    description  text        NOT NULL DEFAULT '',
    visibility   text        NOT NULL CHECK (visibility IN ('PUBLIC', 'PRIVATE')),
    tags         text[]      NOT NULL DEFAULT '{}',
    member_count integer     NOT NULL DEFAULT 0,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    archived_at  timestamptz,
    version      bigint      NOT NULL DEFAULT 0,
    search       tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', name), 'A') ||
        setweight(to_tsvector('english', scaffold_tags_text(tags)), 'B') ||
        setweight(to_tsvector('english', description), 'C')) STORED
);

-- Names are unique across the organisation, whatever their case.
CREATE UNIQUE INDEX community_name_unique ON community (lower(name));
CREATE INDEX community_search ON community USING gin (search);
CREATE INDEX community_tags ON community USING gin (tags);
-- Default list order (name, then id) for keyset pagination over live communities.
CREATE INDEX community_by_name ON community (lower(name), id) WHERE archived_at IS NULL;

CREATE TABLE membership (
    community_id uuid        NOT NULL REFERENCES community (id),
    user_id      text        NOT NULL,
    role         text        NOT NULL CHECK (role IN ('OWNER', 'FACILITATOR', 'MEMBER')),
    status       text        NOT NULL CHECK (status IN ('ACTIVE', 'PENDING', 'INVITED')),
    invited_by   text,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (community_id, user_id)
);

CREATE INDEX membership_by_user ON membership (user_id, status);
CREATE INDEX membership_by_community ON membership (community_id, status, user_id);

-- Skills a member declares within a community.
CREATE TABLE member_skill (
    community_id uuid        NOT NULL,
    user_id      text        NOT NULL,
    skill        text        NOT NULL,
    level        text        NOT NULL CHECK (level IN ('LEARNING', 'PRACTITIONER', 'EXPERT')),
    declared_at  timestamptz NOT NULL,
    PRIMARY KEY (community_id, user_id, skill),
    FOREIGN KEY (community_id, user_id) REFERENCES membership (community_id, user_id) ON DELETE CASCADE
);

CREATE INDEX member_skill_by_skill ON member_skill (community_id, skill);

-- Skills earned by help that was accepted (from requests-service's events); kept when a member leaves and
-- counted again if they return.
CREATE TABLE earned_skill (
    community_id   uuid        NOT NULL REFERENCES community (id),
    user_id        text        NOT NULL,
    skill          text        NOT NULL,
    accepted_count integer     NOT NULL,
    last_earned_at timestamptz NOT NULL,
    PRIMARY KEY (community_id, user_id, skill)
);

CREATE INDEX earned_skill_by_skill ON earned_skill (community_id, skill);

CREATE TABLE shared_resource (
    id                uuid PRIMARY KEY,
    community_id      uuid        NOT NULL REFERENCES community (id),
    type              text        NOT NULL CHECK (type IN ('LINK', 'DOCUMENT', 'CONTACT', 'COURSE', 'GUIDE')),
    title             text        NOT NULL,
    description       text        NOT NULL DEFAULT '',
    tags              text[]      NOT NULL DEFAULT '{}',
    url               text,
    contact_user_id   text,
    source_request_id uuid UNIQUE,
    author_id         text        NOT NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    version           bigint      NOT NULL DEFAULT 0,
    search            tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', scaffold_tags_text(tags)), 'B') ||
        setweight(to_tsvector('english', description), 'C')) STORED
);

CREATE INDEX shared_resource_search ON shared_resource USING gin (search);
CREATE INDEX shared_resource_tags ON shared_resource USING gin (tags);
-- Default list order: newest first, per community.
CREATE INDEX shared_resource_by_community ON shared_resource (community_id, created_at DESC, id DESC);
