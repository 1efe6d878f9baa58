package io.envwatch.stream;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The job's settings, from wherever a Flink user puts them: program arguments ({@code --mqtt-url
 * tcp://broker:1883}, or {@code --mqtt-url=...}), the Flink configuration ({@code envwatch.mqtt-url}
 * in the cluster's config.yaml or a FlinkDeployment's flinkConfiguration), or the environment
 * ({@code ENVWATCH_MQTT_URL}), in that order. A job submitted through the REST API runs its
 * {@code main} in the JobManager, whose environment is rarely the submitter's: arguments travel
 * with the submission. The settings come out under their environment names, the one table in
 * docs/configuration.md.
 */
public final class JobSettings {
    /** Every setting, by its environment name; the argument is {@code --} and the rest in kebab case. */
    static final List<String> NAMES = List.of(
            "ENVWATCH_REGISTRY",
            "ENVWATCH_MQTT_URL",
            "ENVWATCH_MQTT_USER",
            "ENVWATCH_MQTT_PASSWORD",
            "ENVWATCH_MQTT_CLIENT_ID",
            "ENVWATCH_INFLUX_VERSION",
            "ENVWATCH_INFLUX_URL",
            "ENVWATCH_INFLUX_DATABASE",
            "ENVWATCH_INFLUX_ORG",
            "ENVWATCH_INFLUX_TOKEN",
            "ENVWATCH_INFLUX_USER",
            "ENVWATCH_INFLUX_PASSWORD",
            "ENVWATCH_INFLUX_CREATE_DATABASE",
            "ENVWATCH_PARALLELISM",
            "ENVWATCH_CHECKPOINT_MS",
            "ENVWATCH_CHECKPOINT_DIR",
            "ENVWATCH_RESTORE",
            "ENVWATCH_ALLOW_NON_RESTORED_STATE",
            "ENVWATCH_STATE_BACKEND",
            "ENVWATCH_CHECKPOINT_INCREMENTAL",
            "ENVWATCH_ROCKSDB_TIMERS");

    private static final String PREFIX = "ENVWATCH_";

    private JobSettings() {}

    /** Every setting by its environment name, in the order of the table in docs/configuration.md. */
    public static List<String> names() {
        return NAMES;
    }

    /** A true-or-false setting; anything else is refused naming the setting, not read as false. */
    public static boolean flag(Map<String, String> settings, String name, boolean otherwise) {
        String value = settings.getOrDefault(name, Boolean.toString(otherwise)).trim();
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(
                    name + " (--" + argumentName(name) + ") must be true or false, not " + value);
        }
        return Boolean.parseBoolean(value);
    }

    /** {@code ENVWATCH_MQTT_URL} as an argument: {@code mqtt-url} (without the dashes). */
    static String argumentName(String name) {
        return name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code ENVWATCH_MQTT_URL} in the Flink configuration: {@code envwatch.mqtt-url}. */
    static String configurationKey(String name) {
        return "envwatch." + argumentName(name);
    }

    /**
     * The settings that are set, by environment name. An argument the job does not know, or one
     * without a value, is refused naming it and the arguments the job takes.
     */
    public static Map<String, String> resolve(String[] args, ReadableConfig flink, Map<String, String> env) {
        Map<String, String> fromArgs = parse(args);
        Map<String, String> settings = new LinkedHashMap<>();
        for (String name : NAMES) {
            String value = fromArgs.get(name);
            if (value == null) {
                value = flink.getOptional(ConfigOptions.key(configurationKey(name))
                                .stringType()
                                .noDefaultValue())
                        .orElse(null);
            }
            if (value == null) {
                value = env.get(name);
            }
            if (value != null) {
                settings.put(name, value);
            }
        }
        return settings;
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("EnvWatch job: argument " + (i + 1) + " (" + arg
                        + ") is not a setting; settings are given as --name value, one of " + known());
            }
            String key = arg.substring(2);
            String value;
            int equals = key.indexOf('=');
            if (equals >= 0) {
                value = key.substring(equals + 1);
                key = key.substring(0, equals);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("EnvWatch job: --" + key + " needs a value");
            }
            String name = nameOf(key)
                    .orElseThrow(() -> new IllegalArgumentException("EnvWatch job: unknown argument --"
                            + arg.substring(2).split("=", 2)[0] + "; the job takes " + known()));
            if (byName.put(name, value) != null) {
                throw new IllegalArgumentException("EnvWatch job: --" + key + " is given twice");
            }
        }
        return byName;
    }

    private static Optional<String> nameOf(String argument) {
        return NAMES.stream().filter(n -> argumentName(n).equals(argument)).findFirst();
    }

    private static String known() {
        return NAMES.stream().map(n -> "--" + argumentName(n)).collect(Collectors.joining(", "));
    }
}
