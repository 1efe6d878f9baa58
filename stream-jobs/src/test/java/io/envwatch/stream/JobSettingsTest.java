package io.envwatch.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class JobSettingsTest {
    private static final Configuration NONE = new Configuration();

    @Test
    void anArgumentWinsOverFlinksConfigurationWhichWinsOverTheEnvironment() {
        Configuration flink = new Configuration();
        flink.setString("envwatch.mqtt-url", "tcp://from-flink:1883");
        flink.setString("envwatch.influx-url", "http://from-flink:8086");
        Map<String, String> env = Map.of(
                "ENVWATCH_MQTT_URL",
                "tcp://from-env:1883",
                "ENVWATCH_INFLUX_URL",
                "http://from-env:8086",
                "ENVWATCH_REGISTRY",
                "/etc/envwatch/registry.yaml",
                "HOME",
                "/root");
        Map<String, String> settings =
                JobSettings.resolve(new String[] {"--mqtt-url", "tcp://from-args:1883"}, flink, env);
        assertThat(settings)
                .containsOnly(
                        Map.entry("ENVWATCH_MQTT_URL", "tcp://from-args:1883"),
                        Map.entry("ENVWATCH_INFLUX_URL", "http://from-flink:8086"),
                        Map.entry("ENVWATCH_REGISTRY", "/etc/envwatch/registry.yaml"));
    }

    @Test
    void argumentsTakeTheirValueAfterASpaceOrAnEqualsSign() {
        Map<String, String> settings = JobSettings.resolve(
                new String[] {
                    "--influx-database=envwatch_a",
                    "--mqtt-password=p=q",
                    "--parallelism",
                    "4",
                    "--checkpoint-ms",
                    "500"
                },
                NONE,
                Map.of());
        assertThat(settings)
                .containsOnly(
                        Map.entry("ENVWATCH_INFLUX_DATABASE", "envwatch_a"),
                        Map.entry("ENVWATCH_MQTT_PASSWORD", "p=q"),
                        Map.entry("ENVWATCH_PARALLELISM", "4"),
                        Map.entry("ENVWATCH_CHECKPOINT_MS", "500"));
    }

    @Test
    void anUnknownArgumentIsRefusedNamingTheOnesTheJobTakes() {
        assertThatThrownBy(() -> JobSettings.resolve(new String[] {"--influx-host", "x"}, NONE, Map.of()))
                .hasMessageStartingWith(
                        "EnvWatch job: unknown argument --influx-host; the job takes --registry, --mqtt-url,")
                .hasMessageContaining("--influx-url")
                .hasMessageEndingWith("--rocksdb-timers");
        assertThatThrownBy(() -> JobSettings.resolve(new String[] {"--influx-host=x"}, NONE, Map.of()))
                .hasMessageStartingWith("EnvWatch job: unknown argument --influx-host;");
    }

    @Test
    void anArgumentWithoutAValueOrGivenTwiceOrNotASettingIsRefused() {
        assertThatThrownBy(() -> JobSettings.resolve(new String[] {"--mqtt-url"}, NONE, Map.of()))
                .hasMessage("EnvWatch job: --mqtt-url needs a value");
        assertThatThrownBy(() -> JobSettings.resolve(new String[] {"--mqtt-url", "--parallelism", "2"}, NONE, Map.of()))
                .hasMessage("EnvWatch job: --mqtt-url needs a value");
        assertThatThrownBy(() ->
                        JobSettings.resolve(new String[] {"--parallelism", "2", "--parallelism=3"}, NONE, Map.of()))
                .hasMessage("EnvWatch job: --parallelism is given twice");
        assertThatThrownBy(() -> JobSettings.resolve(new String[] {"registry.yaml"}, NONE, Map.of()))
                .hasMessageStartingWith("EnvWatch job: argument 1 (registry.yaml) is not a setting");
    }

    /** One table: every setting the job reads is documented with its three names. */
    @Test
    void everySettingIsInTheConfigurationTableByItsThreeNames() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "configuration.md"));
        for (String name : JobSettings.NAMES) {
            assertThat(docs)
                    .as(name)
                    .contains("| `" + name + "` | `--" + JobSettings.argumentName(name) + "` | `"
                            + JobSettings.configurationKey(name) + "` |");
        }
    }

    /** Every variable the job's code reads is a setting (no ENVWATCH_* read around JobSettings). */
    @Test
    void theJobReadsNoVariableThatIsNotASetting() throws Exception {
        try (var files = Files.walk(Path.of("src", "main", "java"))) {
            String code = files.filter(p -> p.toString().endsWith(".java"))
                    .map(p -> {
                        try {
                            return Files.readString(p);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .reduce("", String::concat);
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("\"(ENVWATCH_[A-Z_]+)\"").matcher(code);
            while (m.find()) {
                assertThat(JobSettings.NAMES).as("read in the job's code").contains(m.group(1));
            }
        }
    }
}
