package io.scaffold.platform.paging;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** One page of a keyset-paginated list; {@code nextCursor} is absent on the last page. */
public record CursorPage<T>(
        List<T> items,
        @Schema(description = "Pass as ?cursor= to get the next page; null on the last page") String nextCursor) {
}
