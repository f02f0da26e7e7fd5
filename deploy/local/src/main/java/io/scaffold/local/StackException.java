package io.scaffold.local;

/** A failure the launcher reports as one clear line, without a stack trace. */
public class StackException extends RuntimeException {
    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
