-- When a person's address arrives after their items, their recent items are queued for e-mail unless a message for
-- the item exists already: that check looks messages up by item.
CREATE INDEX email_message_by_notification ON email_message (notification_id) WHERE notification_id IS NOT NULL;
