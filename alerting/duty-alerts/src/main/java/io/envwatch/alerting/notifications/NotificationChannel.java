package io.envwatch.alerting.notifications;

import io.vertx.core.Future;

/**
 * A way to tell people of an alert. A channel delivers (retrying as its medium needs) and reports
 * the outcome; it never fails the alert's lifecycle. Adding e-mail, an SMS gateway or a WeCom or
 * DingTalk robot is one class implementing this and a type name in the settings.
 */
public interface NotificationChannel {

    String id();

    Audience audience();

    /** Completes with the outcome, delivered or failed: the future itself never fails. */
    Future<Delivery> deliver(Notification notification);
}
