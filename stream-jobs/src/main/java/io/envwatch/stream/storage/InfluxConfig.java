package io.envwatch.stream.storage;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how EnvWatch writes to InfluxDB. {@code v2} writes through influxdb-client-java's
 * write API (InfluxDB 2.x: org, bucket, token); {@code v1} posts line protocol to {@code /write}
 * (InfluxDB 1.x: database, optional user and password). Reads always use InfluxQL, which both
 * answer (2.x through its v1-compatible endpoint with a DBRP mapping).
 */
public record InfluxConfig(
        ApiVersion version, String url, String database, String org, String token, String username, String password)
        implements Serializable {

    public enum ApiVersion { V1, V2 }

    public InfluxConfig {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(database, "database (the v1 database or the v2 bucket)");
        if (version == ApiVersion.V2 && (org == null || token == null)) {
            throw new IllegalArgumentException("InfluxDB v2 writes need an org and a token");
        }
    }

    public static InfluxConfig v1(String url, String database) {
        return new InfluxConfig(ApiVersion.V1, url, database, null, null, null, null);
    }

    public static InfluxConfig v2(String url, String org, String bucket, String token) {
        return new InfluxConfig(ApiVersion.V2, url, bucket, org, token, null, null);
    }

    /** Reads ENVWATCH_INFLUX_* settings; see docs/configuration.md. */
    public static InfluxConfig fromEnvironment(Map<String, String> env, String defaultUrl) {
        String version = env.getOrDefault("ENVWATCH_INFLUX_VERSION", "v1").toUpperCase(Locale.ROOT);
        String url = env.getOrDefault("ENVWATCH_INFLUX_URL", defaultUrl);
        String database = env.getOrDefault("ENVWATCH_INFLUX_DATABASE", "envwatch");
        return new InfluxConfig(ApiVersion.valueOf(version), url, database, env.get("ENVWATCH_INFLUX_ORG"),
                env.get("ENVWATCH_INFLUX_TOKEN"), env.get("ENVWATCH_INFLUX_USER"), env.get("ENVWATCH_INFLUX_PASSWORD"));
    }

    @Override
    public String toString() {
        return version + " " + url + " " + database + (org == null ? "" : " org " + org);
    }
}
