-- Preferences, the unread counter the badge reads, and the single-use tickets of the live stream.

-- One person's settings; no row means the defaults (every kind in the app, e-mail as the kind's default, no quiet
-- hours, nothing muted, no opt-ins).
CREATE TABLE preference (
    user_id     text PRIMARY KEY,
    quiet_from  time,
    quiet_to    time,
    quiet_zone  text,
    version     bigint      NOT NULL,
    updated_at  timestamptz NOT NULL,
    CHECK ((quiet_from IS NULL) = (quiet_to IS NULL) AND (quiet_from IS NULL) = (quiet_zone IS NULL))
);

-- Per kind, only what differs from the kind's defaults is stored.
CREATE TABLE kind_preference (
    user_id text    NOT NULL,
    kind    text    NOT NULL,
    in_app  boolean NOT NULL,
    email   text    NOT NULL CHECK (email IN ('OFF', 'IMMEDIATE', 'DIGEST')),
    PRIMARY KEY (user_id, kind)
);

-- Muted communities and the opt-ins to a community's new requests and new resources.
CREATE TABLE community_setting (
    user_id      text NOT NULL,
    community_id uuid NOT NULL,
    setting      text NOT NULL CHECK (setting IN ('MUTED', 'NEW_REQUESTS', 'NEW_RESOURCES')),
    PRIMARY KEY (user_id, community_id, setting)
);
-- The audience of an opt-in: everyone who follows this community's new requests (or resources).
CREATE INDEX community_setting_audience ON community_setting (community_id, setting, user_id);

-- Unread items per person, kept by the same statements that change the inbox: the badge is one index lookup even
-- for a person with 100,000 notifications.
CREATE TABLE unread_counter (
    user_id text PRIMARY KEY,
    unread  bigint NOT NULL CHECK (unread >= 0)
) WITH (fillfactor = 50); -- room on each page, so a count's update stays on its page (HOT: no index write)
INSERT INTO unread_counter (user_id, unread)
SELECT user_id, count(*) FROM notification WHERE status = 'UNREAD' GROUP BY user_id;

-- EventSource cannot send an Authorization header: a short-lived ticket, stored hashed, used once.
CREATE TABLE stream_ticket (
    ticket_hash text PRIMARY KEY,
    user_id     text        NOT NULL,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX stream_ticket_expiry ON stream_ticket (expires_at);

-- The inbox reads by (user_id, id DESC), filtering status: one index less to write per item of a fan-out.
DROP INDEX notification_inbox;
