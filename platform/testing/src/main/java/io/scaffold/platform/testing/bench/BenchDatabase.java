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

    /** Prints the plan PostgreSQL executed, with timings and buffers. */
    public void explain(String name, String sql) throws SQLException {
        System.out.println("--- EXPLAIN ANALYZE " + name + " ---");
        query("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql).forEach(System.out::println);
    }
}
