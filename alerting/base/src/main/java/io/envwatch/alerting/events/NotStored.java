package io.envwatch.alerting.events;

/** A step that failed for want of its store (InfluxDB down, a read that timed out): worth a retry. */
public final class NotStored extends RuntimeException {
    public NotStored(String log, Throwable cause) {
        super(log + ": " + cause.getMessage(), cause);
    }
}
