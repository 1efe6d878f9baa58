package io.envwatch.ingest.mqtt.source;

import io.envwatch.ingest.mqtt.source.split.MqttSplit;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the source reaches the broker. Each reader subtask connects with the fixed client id
 * {@code clientIdPrefix-N} and a persistent session, so after a restart it resumes the same session
 * and the broker redelivers every message the job had not yet acknowledged.
 *
 * <p>The sessions split the topic filters between them ({@link #filtersOf}) instead of sharing one
 * subscription: Mosquitto (2.0) does not restore shared subscriptions from its persistence file, so
 * after a broker restart a shared group is gone until the job resubscribes, and whatever gateways
 * publish in between is acknowledged to them and dropped. Plain subscriptions of a persistent
 * session come back with the broker and queue from its first second. It also leaves no shared group
 * that another client could join and take a share of the readings from.
 *
 * @param maxDisconnected how long a session may stay disconnected before its reader fails, so that
 *     Flink restarts it with new clients (a Paho client that never reconnects must not go unnoticed)
 */
public record MqttSourceConfig(
        String brokerUrl,
        List<String> topicFilters,
        String clientIdPrefix,
        String username,
        String password,
        int receiveMaximum,
        Duration sessionExpiry,
        Duration maxDisconnected)
        implements Serializable {

    /** The filter a version-1 checkpoint's sessions subscribed to; unsubscribed when such a session resumes. */
    public static final String LEGACY_SHARED_SUBSCRIPTION = "$share/envwatch/envwatch/v1/+/+";

    public MqttSourceConfig {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        topicFilters = List.copyOf(topicFilters);
        if (topicFilters.isEmpty()) {
            throw new IllegalArgumentException("the MQTT source needs at least one topic filter");
        }
        Objects.requireNonNull(clientIdPrefix, "clientIdPrefix");
        if (receiveMaximum < 1 || receiveMaximum > 65535) {
            throw new IllegalArgumentException("receiveMaximum must be 1..65535, not " + receiveMaximum);
        }
        Objects.requireNonNull(maxDisconnected, "maxDisconnected");
    }

    public static MqttSourceConfig of(String brokerUrl, List<String> topicFilters, String clientIdPrefix) {
        return new MqttSourceConfig(
                brokerUrl, topicFilters, clientIdPrefix, null, null, 65535, Duration.ofDays(7), Duration.ofSeconds(60));
    }

    public MqttSourceConfig withCredentials(String user, String pass) {
        return new MqttSourceConfig(
                brokerUrl, topicFilters, clientIdPrefix, user, pass, receiveMaximum, sessionExpiry, maxDisconnected);
    }

    public MqttSourceConfig withMaxDisconnected(Duration max) {
        return new MqttSourceConfig(
                brokerUrl, topicFilters, clientIdPrefix, username, password, receiveMaximum, sessionExpiry, max);
    }

    /**
     * The filters one session subscribes to: each filter belongs to exactly one of the job's
     * sessions, by a hash of its text, so adding a gateway never moves another gateway's topic to
     * another session (a moved topic would be subscribed twice, or for a moment by none).
     */
    public List<String> filtersOf(MqttSplit split) {
        if (split.sessions() <= 0) {
            return List.of(LEGACY_SHARED_SUBSCRIPTION);
        }
        return topicFilters.stream()
                .filter(f -> Math.floorMod(f.hashCode(), split.sessions()) == split.index())
                .toList();
    }
}
