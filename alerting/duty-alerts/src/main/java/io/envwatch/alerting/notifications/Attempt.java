package io.envwatch.alerting.notifications;

import java.time.Duration;

/**
 * How one attempt to send went, as the provider answered it.
 *
 * @param error what went wrong, or null when delivered
 * @param retry whether another attempt may succeed (a timeout, a 5xx, the provider's rate limit)
 * @param retryAfter how long the provider asked us to wait, or null for the channel's backoff
 */
public record Attempt(String error, boolean retry, Duration retryAfter) {
    public static final Attempt DELIVERED = new Attempt(null, false, null);

    public static Attempt failed(String error) {
        return new Attempt(error, false, null);
    }

    public static Attempt retry(String error) {
        return new Attempt(error, true, null);
    }

    /** The provider said it is sending too fast: wait at least this long before the next attempt. */
    public static Attempt rateLimited(String error, Duration wait) {
        return new Attempt(error, true, wait);
    }

    public boolean delivered() {
        return error == null;
    }
}
