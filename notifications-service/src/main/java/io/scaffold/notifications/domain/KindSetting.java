package io.scaffold.notifications.domain;

/** How one kind of notification reaches a person: in the app (inbox and live push) or not, and by e-mail. */
public record KindSetting(boolean inApp, EmailDelivery email) {

    public static KindSetting defaultFor(NotificationKind kind) {
        return new KindSetting(true, kind.defaultEmail());
    }
}
