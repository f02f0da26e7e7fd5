-- A fan-out adds one to the counter of every recipient. Half-empty pages let those updates stay on their page
-- (heap-only tuples: no new primary-key entry per update). Applies to pages written from now on.
ALTER TABLE unread_counter SET (fillfactor = 50);
