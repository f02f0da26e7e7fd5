-- The W3C trace context of the event that wrote each notification: the live push joins the trace of the request
-- that caused it (a collapsed item keeps the latest event's).
ALTER TABLE notification ADD COLUMN traceparent text;
