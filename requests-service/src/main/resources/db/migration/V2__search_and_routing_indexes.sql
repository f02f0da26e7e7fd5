-- Faster reads under a steady stream of new requests.

-- New requests wait in the full-text index's pending list until it is merged; a small list keeps every search's
-- scan of it short and every merge (run by the insert that fills it) cheap.
ALTER INDEX help_request_search SET (gin_pending_list_limit = 256);

-- "similar" looks for resolved requests only: their own index reads a third of the rows.
CREATE INDEX help_request_search_resolved ON help_request USING gin (search) WHERE status = 'RESOLVED';

-- Routing reads the accepted help of all candidates on a request's tags at once.
CREATE INDEX accepted_help_by_tag ON accepted_help (tag) INCLUDE (user_id, accepted_count);
