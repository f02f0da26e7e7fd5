package io.scaffold.notifications.config;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Where the app is, for the links mails carry: {@code scaffold.notifications.email.app-url}, else the public URL. */
@ApplicationScoped
public class AppUrl {
    private final String url;

    public AppUrl(EmailConfig config, @ConfigProperty(name = "scaffold.openapi.server-url") String publicUrl) {
        String chosen = config.appUrl().filter(u -> !u.isBlank()).orElse(publicUrl).strip();
        this.url = chosen.endsWith("/") ? chosen.substring(0, chosen.length() - 1) : chosen;
    }

    /** Without a trailing slash: append a path that starts with one. */
    public String get() {
        return url;
    }
}
