package io.scaffold.requests.domain;

import java.util.Collection;
import java.util.List;

/**
 * How much of the accepted help the busiest tenth of helpers gave. A high share means a few people carry the load:
 * a risk to them and to the community.
 */
public final class LoadConcentration {
    private LoadConcentration() {
    }

    /** Share (0..1) of accepted help given by the top 10 % of helpers (at least one), or null when nobody helped. */
    public static Double topDecileShare(Collection<Long> acceptedPerHelper) {
        long total = acceptedPerHelper.stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return null;
        }
        List<Long> busiestFirst = acceptedPerHelper.stream().sorted((a, b) -> Long.compare(b, a)).toList();
        int top = Math.max(1, (int) Math.ceil(busiestFirst.size() / 10.0));
        long byTop = busiestFirst.stream().limit(top).mapToLong(Long::longValue).sum();
        return (double) byTop / total;
    }
}
