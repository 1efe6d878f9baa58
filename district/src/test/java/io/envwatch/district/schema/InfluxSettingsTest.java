package io.envwatch.district.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InfluxSettingsTest {

    @Test
    void bothProcessesGetTheSameDefaultsFromTheSameVariables() {
        InfluxSettings none = InfluxSettings.fromEnvironment(Map.of());
        assertThat(none).isEqualTo(InfluxSettings.v1("http://influxdb:8086", "envwatch"));
        assertThat(none.authorization()).isNull();
        assertThat(none.write().toString()).isEqualTo("http://influxdb:8086/write?precision=ns&db=envwatch");

        InfluxSettings v2 = InfluxSettings.fromEnvironment(Map.of(
                "ENVWATCH_INFLUX_VERSION",
                "v2",
                "ENVWATCH_INFLUX_URL",
                "http://influx:8086/",
                "ENVWATCH_INFLUX_ORG",
                "bureau",
                "ENVWATCH_INFLUX_TOKEN",
                "secret"));
        assertThat(v2.authorization()).isEqualTo("Token secret");
        assertThat(v2.write().toString())
                .isEqualTo("http://influx:8086/api/v2/write?precision=ns&bucket=envwatch&org=bureau");
        assertThat(v2.toString()).doesNotContain("secret");

        InfluxSettings basic =
                InfluxSettings.fromEnvironment(Map.of("ENVWATCH_INFLUX_USER", "u", "ENVWATCH_INFLUX_PASSWORD", "p"));
        assertThat(basic.authorization()).isEqualTo("Basic dTpw");
    }

    @Test
    void anUnusableSettingIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> InfluxSettings.fromEnvironment(Map.of("ENVWATCH_INFLUX_VERSION", "3")))
                .hasMessageContaining("ENVWATCH_INFLUX_VERSION must be v1 or v2, not 3");
        assertThatThrownBy(() -> InfluxSettings.fromEnvironment(Map.of("ENVWATCH_INFLUX_VERSION", "v2")))
                .hasMessageContaining("ENVWATCH_INFLUX_ORG and ENVWATCH_INFLUX_TOKEN");
    }
}
