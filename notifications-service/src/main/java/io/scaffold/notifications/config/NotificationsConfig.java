package io.scaffold.notifications.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the notifications API ({@code scaffold.notifications.*}). */
@ConfigMapping(prefix = "scaffold.notifications")
public interface NotificationsConfig {

    @WithDefault("20")
    int defaultPageSize();

    @WithDefault("100")
    int maxPageSize();
}
