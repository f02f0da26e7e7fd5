package io.scaffold.bench.bare;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * Lists and adds items; an added item is published to a topic of its own (the startup benchmark only reads), and the
 * requests' events are received, so that the baseline starts a producer and a consumer as each service does.
 */
@Path("/api/items")
public class ItemResource {
    private final Emitter<String> added;

    public ItemResource(@Channel("items-out") Emitter<String> added) {
        this.added = added;
    }

    @GET
    public List<Item> list(@QueryParam("limit") int limit) {
        return Item.findAll().page(0, Math.max(1, limit)).list();
    }

    @POST
    @Transactional
    public Item add(Item item) {
        item.persist();
        added.send(item.name);
        return item;
    }

    @Incoming("items-in")
    void receive(String event) {
        // received only: the services parse and store theirs
    }
}
