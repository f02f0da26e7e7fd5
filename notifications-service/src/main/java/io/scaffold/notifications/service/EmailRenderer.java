package io.scaffold.notifications.service;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.scaffold.notifications.config.AppUrl;
import io.scaffold.notifications.domain.NotificationKind;
import io.scaffold.notifications.repository.EmailMessageRepository.Item;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Mail bodies from the Qute templates in {@code templates/email}: HTML (values escaped) and plain text, with links to
 * the app and the unsubscribe link.
 */
@ApplicationScoped
public class EmailRenderer {
    private final Engine engine;
    private final AppUrl appUrl;

    public EmailRenderer(Engine engine, AppUrl appUrl) {
        this.engine = engine;
        this.appUrl = appUrl;
    }

    public record Rendered(String subject, String text, String html) {
    }

    @TemplateData
    public record Entry(String title, String body, String url) {
    }

    @TemplateData
    public record Group(String name, List<Entry> entries) {
    }

    /** One item, mailed as it happens. */
    public Rendered immediate(Item item, String name, String unsubscribeUrl) {
        NotificationKind kind = NotificationKind.valueOf(item.kind());
        Map<String, Object> data = Map.of("name", greeting(name), "item", entry(item),
                "community", item.communityName() == null ? "" : item.communityName(),
                "what", describe(kind), "unsubscribeUrl", unsubscribeUrl, "settingsUrl", settingsUrl());
        return new Rendered(item.title(), render("email/immediate.txt", data), render("email/immediate.html", data));
    }

    /** Unread items grouped by community (items of no community last); {@code truncated}: more did not fit. */
    public Rendered digest(List<Item> items, boolean truncated, String name, String unsubscribeUrl) {
        Map<String, List<Entry>> byCommunity = new LinkedHashMap<>();
        items.stream().filter(i -> i.communityName() != null)
                .forEach(i -> byCommunity.computeIfAbsent(i.communityName(), c -> new ArrayList<>()).add(entry(i)));
        List<Group> groups = new ArrayList<>();
        byCommunity.forEach((community, entries) -> groups.add(new Group(community, entries)));
        List<Entry> other = items.stream().filter(i -> i.communityName() == null).map(this::entry).toList();
        if (!other.isEmpty()) {
            groups.add(new Group("Other", other));
        }
        String total = items.size() + (truncated ? "+" : "");
        Map<String, Object> data = Map.of("name", greeting(name), "groups", groups, "total", total,
                "single", items.size() == 1 && !truncated, "truncated", truncated,
                "inboxUrl", appUrl.get() + "/notifications", "unsubscribeUrl", unsubscribeUrl,
                "settingsUrl", settingsUrl());
        String subject = "Your Scaffold digest: " + total + (items.size() == 1 && !truncated ? " unread item"
                : " unread items");
        return new Rendered(subject, render("email/digest.txt", data), render("email/digest.html", data));
    }

    private Entry entry(Item item) {
        return new Entry(item.title(), item.body(), appUrl.get() + item.link());
    }

    private String settingsUrl() {
        return appUrl.get() + "/settings/notifications";
    }

    private String render(String template, Map<String, Object> data) {
        Template found = engine.getTemplate(template);
        if (found == null) {
            throw new IllegalStateException("mail template " + template + " is missing");
        }
        var instance = found.instance();
        data.forEach(instance::data);
        return instance.render();
    }

    private static String greeting(String name) {
        return name == null ? "Hello" : "Hello " + name;
    }

    /** REQUEST_INVITATION: "request invitation". */
    static String describe(NotificationKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
