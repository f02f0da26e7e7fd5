package io.scaffold.platform.consistency;

import jakarta.enterprise.context.RequestScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The ids of the events the current request recorded in the outbox, to be told to the client. */
@RequestScoped
public class RecordedEvents {
    private final List<UUID> ids = new ArrayList<>();

    public void add(UUID id) {
        ids.add(id);
    }

    public List<UUID> ids() {
        return List.copyOf(ids);
    }
}
