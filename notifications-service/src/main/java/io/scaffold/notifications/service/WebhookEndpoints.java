package io.scaffold.notifications.service;

import io.scaffold.notifications.config.WebhooksConfig;
import io.scaffold.notifications.domain.Draft;
import io.scaffold.notifications.domain.NotificationKind;
import io.scaffold.notifications.domain.WebhookDelivery;
import io.scaffold.notifications.domain.WebhookEndpoint;
import io.scaffold.notifications.domain.WebhookSignature;
import io.scaffold.notifications.repository.NotificationRepository;
import io.scaffold.notifications.repository.WebhookDeliveryRepository;
import io.scaffold.notifications.repository.WebhookEndpointRepository;
import io.scaffold.notifications.rest.dto.WebhookDeliveryView;
import io.scaffold.notifications.rest.dto.WebhookEndpointBody;
import io.scaffold.notifications.rest.dto.WebhookEndpointView;
import io.scaffold.notifications.rest.dto.WebhookSecretView;
import io.scaffold.platform.paging.Cursor;
import io.scaffold.platform.paging.CursorPage;
import io.scaffold.platform.problem.ApiProblem;
import io.scaffold.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The organisation's webhook endpoints, managed by integration admins (any of them, on any endpoint: integrations
 * belong to the organisation, not to one person); the creator is who is told when one is turned off for failures.
 */
@ApplicationScoped
public class WebhookEndpoints {
    private final WebhookEndpointRepository endpoints;
    private final WebhookDeliveryRepository deliveries;
    private final NotificationRepository notifications;
    private final WebhookDestinations destinations;
    private final WebhookSecrets secrets;
    private final WebhookDispatchSignal signal;
    private final WebhooksConfig config;
    private final CurrentUser user;

    public WebhookEndpoints(WebhookEndpointRepository endpoints, WebhookDeliveryRepository deliveries,
            NotificationRepository notifications, WebhookDestinations destinations, WebhookSecrets secrets,
            WebhookDispatchSignal signal, WebhooksConfig config, CurrentUser user) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.notifications = notifications;
        this.destinations = destinations;
        this.secrets = secrets;
        this.signal = signal;
        this.config = config;
        this.user = user;
    }

    /** @return the caller's id; 403 for anyone without the integration admins' role */
    public String requireAdmin() {
        if (!user.hasRole(config.adminRole())) {
            throw ApiProblem.forbidden("Webhooks are managed by integration admins: the role " + config.adminRole()
                    + " is needed");
        }
        return user.id();
    }

    @Transactional
    public WebhookSecretView create(WebhookEndpointBody body) {
        String admin = requireAdmin();
        checkDestination(body.url());
        if (endpoints.count() >= config.maxEndpoints()) {
            throw ApiProblem.conflict("At most " + config.maxEndpoints() + " webhook endpoints: delete one first");
        }
        UUID id = UUID.randomUUID();
        String secret = WebhookSignature.newSecret();
        Instant now = now();
        boolean enabled = body.enabled() == null || body.enabled();
        WebhookEndpoint endpoint = new WebhookEndpoint(id, body.url(), description(body), distinct(body.eventTypes()),
                enabled, enabled ? null : "turned off by " + admin, admin, secrets.seal(secret, id), null, null, now,
                now, 1);
        endpoints.insert(endpoint);
        return new WebhookSecretView(view(endpoint), secret);
    }

    public List<WebhookEndpointView> list() {
        requireAdmin();
        return endpoints.all().stream().map(WebhookEndpoints::view).toList();
    }

    public WebhookEndpointView get(UUID id) {
        requireAdmin();
        return view(found(id));
    }

    @Transactional
    public WebhookEndpointView replace(UUID id, WebhookEndpointBody body) {
        String admin = requireAdmin();
        WebhookEndpoint current = endpoints.lock(id).orElseThrow(() -> ApiProblem.notFound("Webhook endpoint", id));
        if (!current.url().equals(body.url())) {
            checkDestination(body.url());
        }
        boolean enabled = body.enabled() == null || body.enabled();
        String reason = enabled ? null : current.enabled() ? "turned off by " + admin : current.disabledReason();
        WebhookEndpoint changed = new WebhookEndpoint(id, body.url(), description(body),
                distinct(body.eventTypes()), enabled, reason, current.createdBy(), current.secret(),
                current.previousSecret(), current.previousSecretUntil(), current.createdAt(), now(),
                current.version() + 1);
        endpoints.update(changed);
        if (enabled && !current.enabled()) {
            deliveries.resume(id, changed.updatedAt());
            signal.wakeAfterCommit(); // what waited while it was off goes out now
        } else if (!enabled && current.enabled()) {
            deliveries.hold(id);
        }
        return view(changed);
    }

    @Transactional
    public void delete(UUID id) {
        requireAdmin();
        if (!endpoints.delete(id)) {
            throw ApiProblem.notFound("Webhook endpoint", id);
        }
    }

    /** A new secret, shown once; the replaced one still signs (beside it) for the overlap. */
    @Transactional
    public WebhookSecretView rotate(UUID id, Integer overlapSeconds) {
        requireAdmin();
        WebhookEndpoint current = endpoints.lock(id).orElseThrow(() -> ApiProblem.notFound("Webhook endpoint", id));
        Duration overlap = overlapSeconds == null ? config.rotationOverlap() : Duration.ofSeconds(overlapSeconds);
        Instant now = now();
        String secret = WebhookSignature.newSecret();
        WebhookEndpoint rotated = new WebhookEndpoint(id, current.url(), current.description(), current.eventTypes(),
                current.enabled(), current.disabledReason(), current.createdBy(), secrets.seal(secret, id),
                overlap.isZero() ? null : current.secret(), overlap.isZero() ? null : now.plus(overlap),
                current.createdAt(), now, current.version() + 1);
        endpoints.update(rotated);
        return new WebhookSecretView(view(rotated), secret);
    }

    public CursorPage<WebhookDeliveryView> deliveries(UUID id, WebhookDelivery.Status status, int limit,
            String cursor) {
        requireAdmin();
        found(id);
        Cursor after = cursor == null ? null : Cursor.decode(cursor, 2);
        List<WebhookDelivery> page = deliveries.page(id, status, after == null ? null : after.instant(0),
                after == null ? null : after.uuid(1), limit + 1);
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            WebhookDelivery last = page.get(limit - 1);
            next = Cursor.of(last.createdAt().toString(), last.id().toString()).encode();
        }
        return new CursorPage<>(page.stream().map(WebhookDeliveryView::of).toList(), next);
    }

    public WebhookDeliveryView delivery(UUID id, UUID deliveryId) {
        requireAdmin();
        return deliveries.find(id, deliveryId).map(WebhookDeliveryView::of)
                .orElseThrow(() -> ApiProblem.notFound("Webhook delivery", deliveryId));
    }

    /** Sends it again now, with a new retry window (a delivered one too: the receiver asked to have it again). */
    @Transactional
    public WebhookDeliveryView replay(UUID id, UUID deliveryId) {
        requireAdmin();
        WebhookEndpoint endpoint = found(id);
        if (!endpoint.enabled()) {
            throw ApiProblem.conflict("The endpoint is turned off: turn it on first (PUT with enabled true)");
        }
        if (!deliveries.replay(id, deliveryId, now())) {
            throw ApiProblem.notFound("Webhook delivery", deliveryId);
        }
        signal.wakeAfterCommit();
        return deliveries.find(id, deliveryId).map(WebhookDeliveryView::of).orElseThrow();
    }

    /**
     * Turns an endpoint off because a delivery still failed when its retry window ended, and tells its creator in
     * their inbox (a critical kind: preferences cannot silence it).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void disableForFailures(UUID id, String lastError) {
        WebhookEndpoint current = endpoints.lock(id).orElse(null);
        if (current == null || !current.enabled()) {
            return;
        }
        Instant now = now();
        String reason = "deliveries kept failing for " + config.retryFor().toHours() + " h: " + lastError;
        endpoints.update(new WebhookEndpoint(id, current.url(), current.description(), current.eventTypes(), false,
                reason, current.createdBy(), current.secret(), current.previousSecret(),
                current.previousSecretUntil(), current.createdAt(), now, current.version() + 1));
        deliveries.hold(id);
        notifications.fanOut(new Draft(List.of(current.createdBy()), null, NotificationKind.WEBHOOK_DISABLED,
                        "Webhook turned off: " + current.url(), "Its deliveries kept failing (" + lastError
                                + "). Fix the receiver, turn the endpoint on and replay what failed.",
                        "/api/notifications/webhooks/" + id, id.toString(), null, null),
                "webhook-disabled:" + id + ":" + (current.version() + 1), now);
    }

    private WebhookEndpoint found(UUID id) {
        return endpoints.find(id).orElseThrow(() -> ApiProblem.notFound("Webhook endpoint", id));
    }

    private void checkDestination(String url) {
        try {
            destinations.check(url);
        } catch (WebhookDestinations.RefusedDestination refused) {
            throw ApiProblem.unprocessable("url", refused.getMessage());
        }
    }

    private static String description(WebhookEndpointBody body) {
        return body.description() == null ? "" : body.description().strip();
    }

    private static List<String> distinct(List<String> types) {
        return types.stream().distinct().toList();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    static WebhookEndpointView view(WebhookEndpoint e) {
        Instant previousUntil = e.previousSecretUntil() != null && e.previousSecretUntil().isAfter(Instant.now())
                ? e.previousSecretUntil() : null;
        return new WebhookEndpointView(e.id(), e.url(), e.eventTypes(), e.description(), e.enabled(),
                e.disabledReason(), e.createdBy(), e.createdAt(), e.updatedAt(), previousUntil);
    }
}
