-- requests-service schema: help requests, responses, routing, escalation, outcomes, and a local projection of the
-- communities it routes in (fed by scaffold.communities.events; never queried from communities-service directly).

CREATE FUNCTION scaffold_tags_text(tags text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT coalesce(array_to_string(tags, ' '), '') $$;

-- ---------------------------------------------------------------- projection of communities-service's state
CREATE TABLE community_view (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL,
    visibility  text        NOT NULL,
    tags        text[]      NOT NULL DEFAULT '{}',
    archived    boolean     NOT NULL DEFAULT false,
    updated_at  timestamptz NOT NULL
);

-- Active members only: pending requests and invitations confer nothing here.
CREATE TABLE community_member (
    community_id uuid NOT NULL,
    user_id      text NOT NULL,
    role         text NOT NULL CHECK (role IN ('OWNER', 'FACILITATOR', 'MEMBER')),
    PRIMARY KEY (community_id, user_id)
);
CREATE INDEX community_member_by_user ON community_member (user_id);
CREATE INDEX community_member_managers ON community_member (community_id) WHERE role IN ('OWNER', 'FACILITATOR');

CREATE TABLE member_skill (
    community_id uuid NOT NULL,
    user_id      text NOT NULL,
    skill        text NOT NULL,
    level        smallint NOT NULL, -- 1 LEARNING, 2 PRACTITIONER, 3 EXPERT
    PRIMARY KEY (community_id, user_id, skill)
);
CREATE INDEX member_skill_by_skill ON member_skill (skill, community_id);

-- The communities' shared resources, for "similar": help that already exists is found first.
CREATE TABLE community_resource (
    id           uuid PRIMARY KEY,
    community_id uuid   NOT NULL,
    type         text   NOT NULL,
    title        text   NOT NULL,
    tags         text[] NOT NULL DEFAULT '{}',
    url          text,
    search       tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', scaffold_tags_text(tags)), 'B')) STORED
);
CREATE INDEX community_resource_search ON community_resource USING gin (search);

-- People seen presenting the L&D desk role in a verified token: the last rung of the escalation ladder.
CREATE TABLE ld_desk_member (
    user_id      text PRIMARY KEY,
    last_seen_at timestamptz NOT NULL
);

-- ---------------------------------------------------------------- help requests
CREATE TABLE help_request (
    id                   uuid PRIMARY KEY,
    title                text        NOT NULL,
    body                 text        NOT NULL,
    tags                 text[]      NOT NULL DEFAULT '{}',
    urgency              text        NOT NULL CHECK (urgency IN ('LOW', 'NORMAL', 'HIGH', 'BLOCKING')),
    community_id         uuid,
    community_name       text,
    requester_id         text        NOT NULL,
    anonymous            boolean     NOT NULL DEFAULT false,
    status               text        NOT NULL CHECK (status IN ('OPEN', 'RESOLVED', 'CANCELLED')),
    response_count       integer     NOT NULL DEFAULT 0,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    first_response_at    timestamptz,
    resolved_at          timestamptz,
    cancelled_at         timestamptz,
    accepted_response_id uuid,
    accepted_helper_id   text,
    escalation_level     integer     NOT NULL DEFAULT 0,
    next_escalation_at   timestamptz,
    published_at         timestamptz,
    version              bigint      NOT NULL DEFAULT 0,
    search               tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', scaffold_tags_text(tags)), 'B') ||
        setweight(to_tsvector('english', body), 'C')) STORED
);
CREATE INDEX help_request_search ON help_request USING gin (search);
CREATE INDEX help_request_tags ON help_request USING gin (tags);
CREATE INDEX help_request_newest ON help_request (created_at DESC, id DESC);
CREATE INDEX help_request_by_community ON help_request (community_id, created_at DESC, id DESC);
CREATE INDEX help_request_by_requester ON help_request (requester_id, created_at DESC, id DESC);
-- The escalation scan reads only requests still waiting for a response, by due time.
CREATE INDEX help_request_escalation_due ON help_request (next_escalation_at)
    WHERE status = 'OPEN' AND next_escalation_at IS NOT NULL;

CREATE TABLE request_response (
    id           uuid PRIMARY KEY,
    request_id   uuid        NOT NULL REFERENCES help_request (id),
    responder_id text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('ANSWER', 'OFFER')),
    text         text        NOT NULL,
    links        text[]      NOT NULL DEFAULT '{}',
    accepted     boolean     NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL
);
CREATE INDEX request_response_by_request ON request_response (request_id, created_at, id);
CREATE INDEX request_response_accepted ON request_response (responder_id) WHERE accepted;

-- Everyone asked to help with a request, at which rung of the ladder, and why.
CREATE TABLE helper_invitation (
    request_id   uuid        NOT NULL REFERENCES help_request (id),
    user_id      text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('HELPER', 'FACILITATOR', 'LD_DESK')),
    level        integer     NOT NULL,
    score        integer     NOT NULL DEFAULT 0,
    position     integer     NOT NULL DEFAULT 0, -- rank within its rung: 0 is the best match
    reason       text        NOT NULL,
    invited_at   timestamptz NOT NULL,
    PRIMARY KEY (request_id, user_id)
);
-- Fairness: how many times a helper was asked in the last days, and when last.
CREATE INDEX helper_invitation_by_user ON helper_invitation (user_id, invited_at DESC) WHERE kind = 'HELPER';

-- Help a person gave that was accepted, per tag: the second routing criterion after declared skill.
CREATE TABLE accepted_help (
    user_id        text    NOT NULL,
    tag            text    NOT NULL,
    accepted_count integer NOT NULL,
    PRIMARY KEY (user_id, tag)
);

CREATE TABLE request_feedback (
    request_id    uuid PRIMARY KEY REFERENCES help_request (id),
    unblocked     boolean     NOT NULL,
    minutes_saved integer,
    comment       text,
    given_at      timestamptz NOT NULL
);

-- Idempotency-Key of creating POSTs: the same key and body give the same request back, never a second one.
CREATE TABLE idempotency_key (
    user_id    text        NOT NULL,
    key        text        NOT NULL,
    body_hash  text        NOT NULL,
    request_id uuid        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, key)
);
