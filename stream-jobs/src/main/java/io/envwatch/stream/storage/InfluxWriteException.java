package io.envwatch.stream.storage;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A failed write; {@link #retryable()} when the server may accept the same batch later. */
public final class InfluxWriteException extends RuntimeException {
    private static final Pattern DROPPED = Pattern.compile("dropped=(\\d+)");
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

    /**
     * How many points a partial write refused, 0 if the server refused the whole write. InfluxDB
     * stores what it can of a batch and refuses for good the points its own rules exclude (older
     * than the retention policy, a new value of a tag at its limit, a field of another type),
     * answering 400 (1.x) or 422 (2.x) "partial write: ... dropped=N".
     */
    public int refusedOfPartialWrite() {
        if (!isPartialWrite(status, getMessage())) {
            return 0;
        }
        Matcher dropped = DROPPED.matcher(getMessage());
        return dropped.find() ? Integer.parseInt(dropped.group(1)) : 0;
    }

    /** Whether the server's answer is a partial write: the rest of the batch was stored. */
    static boolean isPartialWrite(int status, String serverSaid) {
        return (status == 400 || status == 422) && serverSaid != null && serverSaid.contains("partial write");
    }

    public int status() {
        return status;
    }
}
