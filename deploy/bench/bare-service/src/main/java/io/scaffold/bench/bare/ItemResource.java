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
import java.util.concurrent.atomic.AtomicLong;

/** Lists and adds items; each added item is published to Kafka and consumed back, as the services do with events. */
@Path("/api/items")
public class ItemResource {
    private final Emitter<String> added;
    private final AtomicLong consumed = new AtomicLong();

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
    void consume(String name) {
        consumed.incrementAndGet();
    }
}
