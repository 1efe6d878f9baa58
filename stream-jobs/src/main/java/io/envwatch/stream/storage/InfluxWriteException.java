package io.envwatch.stream.storage;

/** A failed write; {@link #retryable()} when the server may accept the same batch later. */
public final class InfluxWriteException extends RuntimeException {
    private final int status;

    public InfluxWriteException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** Connection failures (status 0), throttling and server errors are worth retrying; a bad request is not. */
    public boolean retryable() {
        return status == 0 || status == 408 || status == 429 || status >= 500;
    }

    public int status() {
        return status;
    }
}
