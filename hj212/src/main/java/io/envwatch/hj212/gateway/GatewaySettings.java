package io.envwatch.hj212.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The HJ 212 gateway's settings (docs/hj212.md, "Running it"): each from a command-line flag, else
 * an environment variable, else its default.
 *
 * @param sender the MQTT user it connects as, and the sender of its dead letters
 * @param idleTimeout a connection silent this long is closed (loggers send every minute or more often)
 * @param partialTimeout a packet begun but not finished this long closes its connection
 * @param backfillAfter a logger silent longer than this is asked for the gap's minute data
 * @param backfillHorizon how far back such a request reaches at most
 * @param refusalsPerMinute dead letters one connection may cause per minute; the rest are counted
 */
public record GatewaySettings(
        String host,
        int port,
        Path dataDir,
        long spoolMaxBytes,
        long spoolSegmentBytes,
        String brokerUrl,
        String sender,
        String mqttPassword,
        int maxConnections,
        int maxPerAddress,
        Duration idleTimeout,
        Duration partialTimeout,
        Duration backfillAfter,
        Duration backfillHorizon,
        int refusalsPerMinute,
        int maxInFlight) {

    public static final int DEFAULT_PORT = 9212;

    /**
     * From flags ({@code --port 9212}, as the main reads them, without the dashes) over environment
     * variables ({@code ENVWATCH_HJ212_PORT}).
     */
    public static GatewaySettings of(Map<String, String> flags, Function<String, String> env) {
        for (String name : flags.keySet()) {
            if (!DEFAULTS.containsKey(name) && !OTHER_FLAGS.contains(name)) {
                throw new IllegalArgumentException("unknown flag --" + name + "; the gateway takes --"
                        + String.join(", --", new java.util.TreeSet<>(DEFAULTS.keySet()))
                        + ", --password and --registry");
            }
        }
        Function<String, String> pick = name -> {
            String v = flags.get(name);
            return v != null
                    ? v
                    : env.apply(
                            "ENVWATCH_HJ212_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
        };
        Function<String, String> text = name -> Objects.requireNonNullElse(pick.apply(name), DEFAULTS.get(name));
        // The spool's size in KiB: a test bounds it to a few messages, a deployment to hundreds of MiB.
        long spoolMax = integer("spool-max-kb", text.apply("spool-max-kb")) * 1024L;
        String broker = flags.getOrDefault(
                "broker", Objects.requireNonNullElse(env.apply("ENVWATCH_MQTT_URL"), DEFAULTS.get("broker")));
        return new GatewaySettings(
                text.apply("host"),
                integer("port", text.apply("port")),
                Path.of(text.apply("data")),
                spoolMax,
                Math.max(512, Math.min(4L << 20, spoolMax / 8)),
                broker,
                text.apply("username"),
                pick.apply("password"),
                integer("max-connections", text.apply("max-connections")),
                integer("max-per-address", text.apply("max-per-address")),
                duration("idle-timeout", text.apply("idle-timeout")),
                duration("partial-timeout", text.apply("partial-timeout")),
                duration("backfill-after", text.apply("backfill-after")),
                duration("backfill-horizon", text.apply("backfill-horizon")),
                integer("refusals-per-minute", text.apply("refusals-per-minute")),
                16);
    }

    /** Flags without a default: the MQTT password (better from the environment) and the registry file. */
    public static final java.util.Set<String> OTHER_FLAGS = java.util.Set.of("password", "registry");

    /** Every setting's default; the docs' table is checked against it. */
    public static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("host", "0.0.0.0"),
            Map.entry("port", String.valueOf(DEFAULT_PORT)),
            Map.entry("data", "hj212-data"),
            Map.entry("spool-max-kb", String.valueOf(256 * 1024)),
            Map.entry("broker", "tcp://127.0.0.1:1883"),
            Map.entry("username", "envwatch-hj212"),
            Map.entry("max-connections", "2000"),
            Map.entry("max-per-address", "64"),
            Map.entry("idle-timeout", "PT10M"),
            Map.entry("partial-timeout", "PT30S"),
            Map.entry("backfill-after", "PT5M"),
            Map.entry("backfill-horizon", "PT6H"),
            Map.entry("refusals-per-minute", "60"));

    private static int integer(String name, String text) {
        try {
            int v = Integer.parseInt(text);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not " + text);
        }
    }

    private static Duration duration(String name, String text) {
        try {
            return Duration.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--" + name + " must be an ISO-8601 duration such as PT5M, not " + text);
        }
    }
}
