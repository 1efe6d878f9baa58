package io.envwatch.alerting.store;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * Where the duty service's InfluxDB is and how to sign in: 1.x (optional user and password) or 2.x
 * (token and org; the database name is the bucket, as for the job, and InfluxQL reads go through
 * the v1 endpoint with a DBRP mapping).
 */
public record InfluxConnection(String url, String database, String user, String password, String token, String org,
        boolean v2) {

    public static InfluxConnection v1(String url, String database) {
        return new InfluxConnection(url, database, null, null, null, null, false);
    }

    /** From ENVWATCH_INFLUX_* (docs/configuration.md), as the job reads them. */
    public static InfluxConnection fromEnvironment(Map<String, String> env) {
        return new InfluxConnection(env.getOrDefault("ENVWATCH_INFLUX_URL", "http://influxdb:8086"),
                env.getOrDefault("ENVWATCH_INFLUX_DATABASE", "envwatch"), env.get("ENVWATCH_INFLUX_USER"),
                env.get("ENVWATCH_INFLUX_PASSWORD"), env.get("ENVWATCH_INFLUX_TOKEN"), env.get("ENVWATCH_INFLUX_ORG"),
                "v2".equals(env.getOrDefault("ENVWATCH_INFLUX_VERSION", "v1").toLowerCase(Locale.ROOT)));
    }

    /** The Authorization header, or null when the server needs none. */
    String authorization() {
        if (v2) {
            return "Token " + (token == null ? "" : token);
        }
        if (user == null || user.isEmpty()) {
            return null;
        }
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + (password == null ? "" : password))
                .getBytes(StandardCharsets.UTF_8));
    }

    URI query(String influxQl) {
        return URI.create(base() + "/query?db=" + encode(database) + "&q=" + encode(influxQl));
    }

    URI write() {
        return URI.create(v2
                ? base() + "/api/v2/write?precision=ns&bucket=" + encode(database) + "&org=" + encode(org == null ? "" : org)
                : base() + "/write?precision=ns&db=" + encode(database));
    }

    private String base() {
        return url.replaceAll("/+$", "");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return (v2 ? "v2 " : "v1 ") + url + " " + database;
    }
}
