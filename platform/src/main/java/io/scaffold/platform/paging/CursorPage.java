package io.scaffold.platform.paging;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** One page of a keyset-paginated list; {@code nextCursor} is null on the last page. */
public record CursorPage<T>(
        @Schema(description = "The page's items, in the list's order") List<T> items,
        @Schema(nullable = true, description = "Pass as ?cursor= to get the next page; null on the last page")
        String nextCursor) {
}
