package io.envwatch.district.schema;

import java.io.Serializable;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where EnvWatch's InfluxDB is and how to sign in, for the job that writes and the duty service that
 * reads and writes. {@code V1}: InfluxDB 1.x, a database, optional user and password. {@code V2}:
 * InfluxDB 2.x, org, bucket (named {@code database} here too) and token; InfluxQL reads go through
 * its v1-compatible endpoint with a DBRP mapping. One parser of {@code ENVWATCH_INFLUX_*}, so both
 * processes read the same variables with the same defaults (docs/configuration.md).
 */
public record InfluxSettings(
        ApiVersion version, String url, String database, String org, String token, String user, String password)
        implements Serializable {

    public static final String DEFAULT_URL = "http://influxdb:8086";
    public static final String DEFAULT_DATABASE = "envwatch";

    public enum ApiVersion {
        V1,
        V2
    }

    public InfluxSettings {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(database, "database (the v1 database or the v2 bucket)");
        if (version == ApiVersion.V2 && (org == null || token == null)) {
            throw new IllegalArgumentException("InfluxDB v2 needs ENVWATCH_INFLUX_ORG and ENVWATCH_INFLUX_TOKEN");
        }
    }

    public static InfluxSettings v1(String url, String database) {
        return new InfluxSettings(ApiVersion.V1, url, database, null, null, null, null);
    }

    public static InfluxSettings v2(String url, String org, String bucket, String token) {
        return new InfluxSettings(ApiVersion.V2, url, bucket, org, token, null, null);
    }

    /** Reads ENVWATCH_INFLUX_*; an unknown version is refused with the variable's name. */
    public static InfluxSettings fromEnvironment(Map<String, String> env) {
        String version = env.getOrDefault("ENVWATCH_INFLUX_VERSION", "v1").toUpperCase(Locale.ROOT);
        if (!version.equals("V1") && !version.equals("V2")) {
            throw new IllegalArgumentException(
                    "ENVWATCH_INFLUX_VERSION must be v1 or v2, not " + env.get("ENVWATCH_INFLUX_VERSION"));
        }
        return new InfluxSettings(
                ApiVersion.valueOf(version),
                env.getOrDefault("ENVWATCH_INFLUX_URL", DEFAULT_URL),
                env.getOrDefault("ENVWATCH_INFLUX_DATABASE", DEFAULT_DATABASE),
                env.get("ENVWATCH_INFLUX_ORG"),
                env.get("ENVWATCH_INFLUX_TOKEN"),
                env.get("ENVWATCH_INFLUX_USER"),
                env.get("ENVWATCH_INFLUX_PASSWORD"));
    }

    public boolean v2() {
        return version == ApiVersion.V2;
    }

    /** The Authorization header, or null when the server needs none. */
    public String authorization() {
        if (v2()) {
            return "Token " + token;
        }
        if (user == null || user.isEmpty()) {
            return null;
        }
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                (user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
    }

    /** An InfluxQL query, answered by 1.x and by 2.x's v1 endpoint; epoch milliseconds when asked. */
    public URI query(String influxQl) {
        return URI.create(base() + "/query?db=" + encode(database) + "&q=" + encode(influxQl));
    }

    /** Line protocol in nanoseconds, to the 1.x database or the 2.x bucket. */
    public URI write() {
        return URI.create(
                v2()
                        ? base() + "/api/v2/write?precision=ns&bucket=" + encode(database) + "&org=" + encode(org)
                        : base() + "/write?precision=ns&db=" + encode(database));
    }

    private String base() {
        return url.replaceAll("/+$", "");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Never prints the token or the password. */
    @Override
    public String toString() {
        return version + " " + url + " " + database + (org == null ? "" : " org " + org);
    }
}
