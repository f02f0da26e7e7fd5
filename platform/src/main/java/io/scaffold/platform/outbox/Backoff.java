package io.scaffold.platform.outbox;

import java.time.Duration;

/** Exponential backoff: initial, doubled per failure, capped. */
public record Backoff(Duration initial, Duration max) {

    public Duration afterFailures(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - 1, 30);
        long millis = initial.toMillis() << doublings;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
