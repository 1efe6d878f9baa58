package io.envwatch.alerting.notifications;

/**
 * The outcome of one notification on one channel.
 *
 * @param status {@code delivered} or {@code failed}
 * @param attempts how many times it was sent
 * @param error the last failure, or null
 */
public record Delivery(
        String channel,
        String audience,
        String alertId,
        String event,
        String deliveryId,
        String status,
        int attempts,
        String error,
        long at) {
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    public boolean failed() {
        return FAILED.equals(status);
    }
}
