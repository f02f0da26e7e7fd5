package io.scaffold.platform.consumer;

/**
 * A message that can never be applied, however often it is retried: not a CloudEvent, not JSON, or data that breaks
 * the contract. It goes straight to the dead-letter topic.
 */
public class PoisonEventException extends RuntimeException {
    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
