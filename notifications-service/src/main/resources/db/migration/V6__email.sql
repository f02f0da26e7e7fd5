-- E-mail: each person's digest schedule, the items already mailed (never repeated), who has items waiting for a
-- digest, and the outgoing mail with its attempt state (SMTP down: retried from here, never lost nor doubled).

-- Digest schedule; time_zone null: the zone of the person's token (zoneinfo), else UTC.
ALTER TABLE preference
    ADD COLUMN digest_frequency text NOT NULL DEFAULT 'DAILY' CHECK (digest_frequency IN ('DAILY', 'WEEKLY')),
    ADD COLUMN digest_time      time NOT NULL DEFAULT '08:00',
    ADD COLUMN digest_day       text NOT NULL DEFAULT 'MONDAY'
        CHECK (digest_day IN ('MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY')),
    ADD COLUMN time_zone        text;

-- Set when an item went out by e-mail (on its own or in a digest). No default: adding it rewrites no row.
ALTER TABLE notification ADD COLUMN mailed_at timestamptz;

-- People with items for a digest, since when: the digest run reads this, never the whole inbox. A run claims a
-- person by deleting their row, so two replicas never mail the same digest.
CREATE TABLE digest_pending (
    user_id text PRIMARY KEY,
    since   timestamptz NOT NULL
);

CREATE TABLE email_message (
    id                bigserial PRIMARY KEY,
    user_id           text        NOT NULL,
    kind              text        NOT NULL CHECK (kind IN ('IMMEDIATE', 'DIGEST')),
    -- IMMEDIATE: the item it tells of; rendered when first sent (it may be read, or turned off, before that)
    notification_id   bigint,
    -- IMMEDIATE for a kind the person turned off in the app (e-mail only): no item exists, so the mail carries its
    -- own copy of what the item would have said
    item_kind         text,
    item_title        text,
    item_body         text,
    item_link         text,
    item_community_id uuid,
    -- about a BLOCKING request or of a critical kind: quiet hours do not hold it
    urgent            boolean     NOT NULL DEFAULT false,
    recipient         text,
    subject           text,
    text_body         text,
    html_body         text,
    unsubscribe_url   text,
    status            text        NOT NULL CHECK (status IN ('PENDING', 'SENT', 'SKIPPED', 'FAILED')),
    attempts          integer     NOT NULL DEFAULT 0,
    -- due time; taking a message for an attempt moves it one lease ahead, so a replica that dies mid-attempt
    -- leaves it to be taken again
    next_attempt_at   timestamptz NOT NULL,
    last_error        text,
    created_at        timestamptz NOT NULL,
    sent_at           timestamptz,
    CHECK (kind = 'DIGEST' OR notification_id IS NOT NULL OR item_title IS NOT NULL)
);
CREATE INDEX email_message_due ON email_message (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX email_message_created ON email_message (created_at);
