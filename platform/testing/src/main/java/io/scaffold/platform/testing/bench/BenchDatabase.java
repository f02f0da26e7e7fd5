package io.scaffold.platform.testing.bench;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Plain SQL for benchmarks: seeding, first-column queries and printed query plans. */
public final class BenchDatabase {
    private final DataSource dataSource;

    public BenchDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The first column of every row, as text. */
    public List<String> query(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    public long count(String sql) throws SQLException {
        return Long.parseLong(query(sql).get(0));
    }

    /**
     * Starts counting the database's time per statement from zero. Needs pg_stat_statements loaded (the bench profile
     * does); without it, does nothing and {@link #printStatements} says so.
     */
    public void resetStatements() throws SQLException {
        if (statementsTracked()) {
            execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            execute("SELECT pg_stat_statements_reset()");
        }
    }

    /** Prints the statements that took most of the database's time since the reset: planning, execution, calls. */
    public void printStatements(String name, int top) throws SQLException {
        System.out.println("--- statements by database time: " + name + " ---");
        if (!statementsTracked()) {
            System.out.println("(pg_stat_statements is not loaded)");
            return;
        }
        query("""
                SELECT lpad(calls::text, 8)
                       || ' calls | plan ' || lpad(to_char(total_plan_time / greatest(calls, 1), 'FM990.000'), 7)
                       || ' ms | exec ' || lpad(to_char(total_exec_time / greatest(calls, 1), 'FM990.000'), 7)
                       || ' ms | total '
                       || lpad(to_char((total_plan_time + total_exec_time) / 1000, 'FM9990.0'), 6) || ' s | '
                       || left(regexp_replace(query, '\\s+', ' ', 'g'), 110)
                FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND query NOT LIKE '%%pg_stat_statements%%'
                ORDER BY total_plan_time + total_exec_time DESC LIMIT %d""".formatted(top))
                .forEach(System.out::println);
    }

    private boolean statementsTracked() throws SQLException {
        return query("SHOW shared_preload_libraries").get(0).contains("pg_stat_statements");
    }

    /** Prints the plan PostgreSQL executed, with timings and buffers. */
    public void explain(String name, String sql) throws SQLException {
        System.out.println("--- EXPLAIN ANALYZE " + name + " ---");
        query("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql).forEach(System.out::println);
    }
}
