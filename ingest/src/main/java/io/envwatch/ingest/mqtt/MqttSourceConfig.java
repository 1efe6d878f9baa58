package io.envwatch.ingest.mqtt;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How the source reaches the broker. Each reader subtask connects with the fixed client id
 * {@code clientIdPrefix-N} and a persistent session, so after a restart it resumes the same session
 * and the broker redelivers every message the job had not yet acknowledged.
 */
public record MqttSourceConfig(
        String brokerUrl,
        String topicFilter,
        String sharedGroup,
        String clientIdPrefix,
        String username,
        String password,
        int receiveMaximum,
        Duration sessionExpiry) implements Serializable {

    public MqttSourceConfig {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        Objects.requireNonNull(topicFilter, "topicFilter");
        Objects.requireNonNull(clientIdPrefix, "clientIdPrefix");
        if (receiveMaximum < 1 || receiveMaximum > 65535) {
            throw new IllegalArgumentException("receiveMaximum must be 1..65535, not " + receiveMaximum);
        }
    }

    public static MqttSourceConfig of(String brokerUrl, String topicFilter, String clientIdPrefix) {
        return new MqttSourceConfig(brokerUrl, topicFilter, "envwatch", clientIdPrefix, null, null, 65535, Duration.ofDays(7));
    }

    public MqttSourceConfig withCredentials(String user, String pass) {
        return new MqttSourceConfig(brokerUrl, topicFilter, sharedGroup, clientIdPrefix, user, pass, receiveMaximum, sessionExpiry);
    }

    /** The filter actually subscribed: a shared subscription when a group is set, so readers split the load. */
    public String subscription() {
        return sharedGroup == null || sharedGroup.isBlank() ? topicFilter : "$share/" + sharedGroup + "/" + topicFilter;
    }
}
