-- The relay claims pending events through the partial indexes on sent_at IS NULL; marking an event sent leaves a dead
-- entry in them until the table is vacuumed. With PostgreSQL's default threshold (a fifth of the table changed), an
-- outbox holding days of sent events is vacuumed ever more rarely as it grows, and every claim walks the dead entries
-- of all the events sent since. Vacuum (and analyze) after every 1,000 changed rows instead, whatever the table's
-- size. Only this platform table is touched, so it applies the same on a new database and, out of order, on one that
-- already has the service's own later migrations.
ALTER TABLE scaffold_outbox SET (
    autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000,
    autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 1000,
    autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 1000);
