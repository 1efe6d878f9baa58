package io.envwatch.hj212.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GatewaySettingsTest {
    @Test
    void theDocsTableIsTheSettingsDefaults() throws Exception {
        String docs = Files.readString(Path.of("../docs/hj212.md"));
        Matcher row = Pattern.compile("\\| `--([a-z-]+)` \\| `([^`]+)` \\|").matcher(docs);
        Map<String, String> documented = new TreeMap<>();
        while (row.find()) {
            documented.put(row.group(1), row.group(2));
        }
        assertThat(documented).isEqualTo(new TreeMap<>(GatewaySettings.DEFAULTS));
    }

    @Test
    void aFlagWinsOverTheEnvironmentAndAnUnknownOneIsNamed() {
        GatewaySettings s = GatewaySettings.of(
                Map.of("port", "7000", "spool-max-kb", "1024"),
                name -> Map.of(
                                "ENVWATCH_HJ212_PORT",
                                "8000",
                                "ENVWATCH_HJ212_BACKFILL_AFTER",
                                "PT2M",
                                "ENVWATCH_MQTT_URL",
                                "tcp://b:1883")
                        .get(name));
        assertThat(s.port()).isEqualTo(7000);
        assertThat(s.backfillAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.brokerUrl()).isEqualTo("tcp://b:1883");
        assertThat(s.spoolMaxBytes()).isEqualTo(1 << 20);
        assertThat(s.spoolSegmentBytes()).isLessThanOrEqualTo(s.spoolMaxBytes() / 8);
        assertThatThrownBy(() -> GatewaySettings.of(Map.of("prot", "1"), name -> null))
                .hasMessageStartingWith("unknown flag --prot; the gateway takes --backfill-after");
        assertThatThrownBy(() -> GatewaySettings.of(Map.of("idle-timeout", "10m"), name -> null))
                .hasMessage("--idle-timeout must be an ISO-8601 duration such as PT5M, not 10m");
    }
}
