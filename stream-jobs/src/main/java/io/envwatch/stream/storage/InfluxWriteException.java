package io.envwatch.stream.storage;

/** A failed write; {@link #retryable()} when the server may accept the same batch later. */
public final class InfluxWriteException extends RuntimeException {
    private final int status;

    public InfluxWriteException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /**
     * Connection failures (status 0), throttling and server errors are worth retrying; so is a
     * database or bucket that does not exist yet (404), since deployments often create it after the
     * job starts. A bad request or refused credentials are not.
     */
    public boolean retryable() {
        return status == 0 || status == 404 || status == 408 || status == 429 || status >= 500;
    }

    public int status() {
        return status;
    }
}
