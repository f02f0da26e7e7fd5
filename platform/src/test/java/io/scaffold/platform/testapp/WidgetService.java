package io.scaffold.platform.testapp;

import io.scaffold.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class WidgetService {
    private final EntityManager entityManager;
    private final Outbox outbox;

    public WidgetService(EntityManager entityManager, Outbox outbox) {
        this.entityManager = entityManager;
        this.outbox = outbox;
    }

    /** Creates a widget and records its event; with {@code failAfterRecording} the transaction rolls back. */
    @Transactional
    public UUID create(String name, boolean failAfterRecording) {
        Widget widget = new Widget();
        widget.id = UUID.randomUUID();
        widget.name = name;
        entityManager.persist(widget);
        outbox.record("widget", widget.id.toString(), "scaffold.widget.created.v1",
                Map.of("widgetId", widget.id.toString(), "name", name));
        if (failAfterRecording) {
            throw new IllegalStateException("simulated failure after the event was recorded");
        }
        return widget.id;
    }

    @Transactional
    public void rename(UUID id, String name) {
        Widget widget = entityManager.find(Widget.class, id);
        if (widget == null) {
            throw io.scaffold.platform.problem.ApiProblem.notFound("widget", id);
        }
        widget.name = name;
        outbox.record("widget", id.toString(), "scaffold.widget.renamed.v1", Map.of("widgetId", id.toString(),
                "name", name));
    }

    public java.util.List<String> namesLike(String text) {
        return entityManager.createQuery("select w.name from Widget w where w.name like :text order by w.name",
                String.class).setParameter("text", "%" + text + "%").setMaxResults(20).getResultList();
    }

    @Transactional
    public void delete(UUID id) {
        Widget widget = entityManager.find(Widget.class, id);
        if (widget != null) {
            entityManager.remove(widget);
        }
    }

    public String nameOf(UUID id) {
        Widget widget = entityManager.find(Widget.class, id);
        return widget == null ? null : widget.name;
    }
}
