package io.scaffold.platform.sql;

import jakarta.persistence.Query;

import java.util.List;

/**
 * The values of a one-column native query. Never pass a basic type as the result class
 * ({@code createNativeQuery(sql, String.class)}): Hibernate 7 caches that query's plan under a key that equals no
 * later one, so every execution misses the cache and adds an entry with the same hash, and each lookup then walks up
 * to the cache's 2,048 entries (measured with Hibernate's statistics: 100 executions, 100 misses; under load that walk
 * was most of a suggestion's CPU in Java). An untyped query returns the column's value itself, and its plan is found
 * again.
 */
public final class ScalarResults {
    private ScalarResults() {
    }

    /**
     * @param query an untyped native query of one column
     * @param type  the Java type of the column's values (text: String, uuid: UUID, bigint and count: Long)
     */
    public static <T> List<T> list(Query query, Class<T> type) {
        List<?> rows = query.getResultList();
        return rows.stream().map(type::cast).toList();
    }
}
