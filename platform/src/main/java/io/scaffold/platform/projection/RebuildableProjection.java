package io.scaffold.platform.projection;

import io.scaffold.platform.consumer.IncomingEvent;

import java.util.Set;

/**
 * A service's local copy of another service's state, kept from events, that can be rebuilt from nothing: emptied,
 * then fed every event its topics still hold (which include the producer's periodic snapshots). Applying an event
 * must set state, never add to it (upserts, deletes, replacements), so that applying a suffix of the events again
 * lands on the same state.
 */
public interface RebuildableProjection {
    /** The name operators use, e.g. {@code communities}. */
    String projection();

    /** The topics it is built from. */
    Set<String> topics();

    /** Empties it, in the caller's transaction. */
    void clear();

    /**
     * Applies one event, in the caller's transaction.
     *
     * @return whether the event is of a type this projection keeps (others are ignored)
     */
    boolean project(IncomingEvent event);
}
