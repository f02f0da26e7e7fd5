package io.scaffold.platform.problem;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;

/** Reads a failure's cause chain: is it a dependency that is down (503), or a value the database refuses (400)? */
public final class Failures {
    /** What a 503 asks the client to wait before trying again. */
    static final String RETRY_AFTER_SECONDS = "5";

    private Failures() {
    }

    /**
     * True when the database cannot be reached or is shutting down: SQL states of class 08 (connection exception),
     * 57P01-57P03 (admin or crash shutdown, cannot connect now), 53300 (too many connections), a database that does
     * not accept connections, a connection cut under the pool, its acquisition timeout, a refused socket.
     */
    public static boolean isUnavailableDependency(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof java.net.ConnectException
                    || cause instanceof java.net.SocketTimeoutException
                    || cause.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"))) {
                    return true;
                }
                String message = sql.getMessage() == null ? "" : sql.getMessage().toLowerCase(Locale.ROOT);
                if (message.contains("acquisition timeout") || message.contains("not currently accepting connections")
                        || message.contains("connection has been closed") || message.contains("pool is closed")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when PostgreSQL refused a value: SQL state class 22 (data exception) or 54 (a limit exceeded). */
    static boolean isDataException(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("54"))) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause, as its class and message (what logs and records show of a failure). */
    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (next(root) != null) {
            root = next(root);
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static Throwable next(Throwable cause) {
        Throwable next = cause.getCause();
        if (next == null && cause instanceof SQLException sql) {
            next = sql.getNextException();
        }
        return next == cause ? null : next;
    }
}
