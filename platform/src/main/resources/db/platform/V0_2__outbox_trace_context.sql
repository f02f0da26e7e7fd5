-- The W3C trace context of the change that recorded each event, so that the relay (later, on any replica) publishes
-- the record in the same trace as the request that caused it.
ALTER TABLE scaffold_outbox ADD COLUMN traceparent text, ADD COLUMN tracestate text;
