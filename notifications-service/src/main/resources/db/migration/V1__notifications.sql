-- notifications-service schema: the inbox, and a local projection of community memberships and roles (fed by
-- scaffold.communities.events) to resolve audiences such as "the facilitators of community X".

CREATE TABLE community_view (
    id         uuid PRIMARY KEY,
    name       text        NOT NULL,
    visibility text        NOT NULL,
    updated_at timestamptz NOT NULL
);

-- Active members only.
CREATE TABLE community_member (
    community_id uuid NOT NULL,
    user_id      text NOT NULL,
    role         text NOT NULL CHECK (role IN ('OWNER', 'FACILITATOR', 'MEMBER')),
    PRIMARY KEY (community_id, user_id)
);
CREATE INDEX community_member_managers ON community_member (community_id) WHERE role IN ('OWNER', 'FACILITATOR');

-- Ids come from a sequence: they order the inbox (newest first) and serve as SSE event ids for resuming.
CREATE SEQUENCE notification_id_seq;

CREATE TABLE notification (
    id              bigint PRIMARY KEY,
    user_id         text        NOT NULL,
    kind            text        NOT NULL,
    title           text        NOT NULL,
    body            text        NOT NULL,
    link            text        NOT NULL,
    source_event_id text        NOT NULL,
    -- the thing it is about (a request, a community): several responses to one request collapse on it while unread
    subject_id      text        NOT NULL,
    community_id    uuid,
    urgency         text,
    event_count     integer     NOT NULL DEFAULT 1,
    status          text        NOT NULL CHECK (status IN ('UNREAD', 'READ', 'ARCHIVED')),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    read_at         timestamptz
);
-- The inbox of one user, newest first, by status; and the unread count.
CREATE INDEX notification_inbox ON notification (user_id, status, id DESC);
CREATE INDEX notification_inbox_all ON notification (user_id, id DESC);
-- New responses to a request collapse into the requester's one unread item about it (with a count).
CREATE UNIQUE INDEX notification_collapse ON notification (user_id, kind, subject_id)
    WHERE status = 'UNREAD' AND kind = 'RESPONSE_POSTED';
