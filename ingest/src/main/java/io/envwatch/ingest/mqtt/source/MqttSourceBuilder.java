package io.envwatch.ingest.mqtt.source;

import java.time.Duration;
import java.util.List;

/**
 * Builds an {@link MqttSource}: a broker, the topic filters, and the prefix of the sessions'
 * client ids are required; credentials, the broker's in-flight window per session, the session
 * expiry and how long a session may stay disconnected have defaults ({@link MqttSourceConfig#of}).
 */
public final class MqttSourceBuilder {
    private String brokerUrl;
    private List<String> topicFilters = List.of();
    private String clientIdPrefix;
    private String username;
    private String password;
    private Duration maxDisconnected;

    MqttSourceBuilder() {}

    public MqttSourceBuilder brokerUrl(String url) {
        this.brokerUrl = url;
        return this;
    }

    public MqttSourceBuilder topicFilters(List<String> filters) {
        this.topicFilters = List.copyOf(filters);
        return this;
    }

    /** Sessions are {@code prefix-0 .. prefix-(n-1)}: keep it stable across restarts, or messages wait on old ones. */
    public MqttSourceBuilder clientIdPrefix(String prefix) {
        this.clientIdPrefix = prefix;
        return this;
    }

    public MqttSourceBuilder credentials(String user, String pass) {
        this.username = user;
        this.password = pass;
        return this;
    }

    public MqttSourceBuilder maxDisconnected(Duration max) {
        this.maxDisconnected = max;
        return this;
    }

    /** The settings, checked: a missing broker, filter or prefix is refused here. */
    public MqttSourceConfig config() {
        MqttSourceConfig config = MqttSourceConfig.of(brokerUrl, topicFilters, clientIdPrefix);
        if (username != null) {
            config = config.withCredentials(username, password);
        }
        return maxDisconnected == null ? config : config.withMaxDisconnected(maxDisconnected);
    }

    public MqttSource build() {
        return new MqttSource(config());
    }
}
