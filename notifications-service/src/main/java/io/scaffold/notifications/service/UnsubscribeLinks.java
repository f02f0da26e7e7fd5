package io.scaffold.notifications.service;

import io.scaffold.notifications.config.AppUrl;
import io.scaffold.notifications.domain.NotificationKind;
import io.scaffold.platform.privacy.SealedIds;
import io.scaffold.platform.problem.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One-click unsubscribe links (RFC 8058): the person and what to stop (one kind, or the digest) sealed with the
 * suite's key (AES-GCM: it cannot be forged or altered, and names nobody to whoever reads the link). No expiry: a
 * link in an old mail keeps working, as mail providers expect.
 */
@ApplicationScoped
public class UnsubscribeLinks {
    static final String CONTEXT = "email-unsubscribe";
    public static final String DIGEST = "DIGEST";

    private final SealedIds seals;
    private final AppUrl appUrl;

    public UnsubscribeLinks(SealedIds seals, AppUrl appUrl) {
        this.seals = seals;
        this.appUrl = appUrl;
    }

    /** What a link turns off: e-mail of one kind, or every kind mailed in the digest. */
    public record Subscription(String userId, String scope) {
        public boolean digest() {
            return DIGEST.equals(scope);
        }
    }

    /** @param scope a {@link NotificationKind} name, or {@link #DIGEST} */
    public String url(String userId, String scope) {
        return appUrl.get() + "/api/notifications/unsubscribe?token=" + seals.seal(scope + ":" + userId, CONTEXT);
    }

    /** @throws io.scaffold.platform.problem.ApiProblem 400 naming {@code token} when it is not one of ours */
    public Subscription open(String token) {
        String opened;
        try {
            opened = seals.open(token, CONTEXT);
        } catch (SealedIds.UnreadableSealException e) {
            throw ApiProblem.invalid("token", "is not an unsubscribe link of this suite (" + e.getMessage() + ")");
        }
        int colon = opened.indexOf(':');
        String scope = colon < 0 ? "" : opened.substring(0, colon);
        if (colon < 0 || !(DIGEST.equals(scope) || isKind(scope))) {
            throw ApiProblem.invalid("token", "is not an unsubscribe link of this suite");
        }
        return new Subscription(opened.substring(colon + 1), scope);
    }

    private static boolean isKind(String name) {
        for (NotificationKind kind : NotificationKind.values()) {
            if (kind.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
