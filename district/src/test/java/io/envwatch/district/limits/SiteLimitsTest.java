package io.envwatch.district.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.registry.NoiseZone;
import io.envwatch.district.registry.OdourClass;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.registry.Site;
import io.envwatch.district.registry.SiteKind;
import io.envwatch.district.registry.WaterClass;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiteLimitsTest {
    private static final Registry REGISTRY = RegistryLoader.sample();
    private static final SiteLimits LIMITS = REGISTRY.limits();

    private static Site noiseSite(NoiseZone zone, boolean boundary, boolean indoor, Map<String, Double> limits) {
        return new Site(
                "S",
                "s",
                List.of(SiteKind.NOISE),
                22.9,
                114,
                "t",
                "team",
                "gw",
                zone,
                boundary,
                indoor,
                null,
                null,
                limits,
                null,
                null,
                null,
                null);
    }

    private static Site odourSite(OdourClass c) {
        return new Site(
                "S",
                "s",
                List.of(SiteKind.ODOUR),
                22.9,
                114,
                "t",
                "team",
                "gw",
                null,
                true,
                false,
                c,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    @ParameterizedTest(name = "zone {0}: day {1}, night {2}")
    @CsvSource({"0,50,40", "1,55,45", "2,60,50", "3,65,55", "4a,70,55", "4b,70,60"})
    void noiseZonesOfGb3096(String zone, double day, double night) {
        Site site = noiseSite(NoiseZone.fromWire(zone), false, false, null);
        assertThat(LIMITS.noise(site, false)).isEqualTo(day);
        assertThat(LIMITS.noise(site, true)).isEqualTo(night);
    }

    @Test
    void indoorPointsAreTenLowerAndOverridesWin() {
        assertThat(LIMITS.noise(noiseSite(NoiseZone.ZONE_1, false, true, null), true))
                .isEqualTo(35);
        Site overridden = noiseSite(NoiseZone.ZONE_3, false, true, Map.of("noise.night", 50.0));
        assertThat(LIMITS.noise(overridden, true)).isEqualTo(50);
        assertThat(LIMITS.noise(overridden, false)).isEqualTo(55);
    }

    @Test
    void nightMaximumIsFifteenOverButTenAtFactoryBoundaries() {
        assertThat(LIMITS.nightMaximum(noiseSite(NoiseZone.ZONE_1, false, false, null)))
                .isEqualTo(60);
        assertThat(LIMITS.nightMaximum(noiseSite(NoiseZone.ZONE_3, true, false, null)))
                .isEqualTo(65);
    }

    @ParameterizedTest(name = "{0}: {1} {2} {3} {4} {5}")
    @CsvSource({
        "nh3, 1.0, 1.5, 2.0, 4.0, 5.0",
        "h2s, 0.03, 0.06, 0.10, 0.32, 0.60",
        "trimethylamine, 0.05, 0.08, 0.15, 0.45, 0.80",
        "methyl_mercaptan, 0.004, 0.007, 0.010, 0.020, 0.035",
        "dimethyl_sulfide, 0.03, 0.07, 0.15, 0.55, 1.10",
        "dimethyl_disulfide, 0.03, 0.06, 0.13, 0.42, 0.71",
        "cs2, 2.0, 3.0, 5.0, 8.0, 10",
        "styrene, 3.0, 5.0, 7.0, 14, 19",
        "odour, 10, 20, 30, 60, 70"
    })
    void everyOdourClassColumnOfGb14554(
            String quantity, double c1, double c2new, double c2old, double c3new, double c3old) {
        Quantity q = Quantity.fromWire(quantity).orElseThrow();
        double[] expected = {c1, c2new, c2old, c3new, c3old};
        OdourClass[] columns = OdourClass.values();
        for (int i = 0; i < columns.length; i++) {
            assertThat(LIMITS.concentration(odourSite(columns[i]), q))
                    .as(columns[i].wireName())
                    .hasValue(expected[i]);
        }
    }

    @ParameterizedTest(name = "river TP {0} is class {1}")
    @CsvSource({
        "0, I",
        "0.02, I",
        "0.0201, II",
        "0.1, II",
        "0.1001, III",
        "0.2, III",
        "0.2001, IV",
        "0.3, IV",
        "0.3001, V",
        "0.4, V",
        "0.4001, WORSE_THAN_V",
        "7.5, WORSE_THAN_V"
    })
    void everyRiverClassBoundaryOfGb3838(double tp, WaterClass expected) {
        assertThat(LIMITS.classifyPhosphorus(tp, false)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "lake TP {0} is class {1}")
    @CsvSource({
        "0.01, I",
        "0.0101, II",
        "0.025, II",
        "0.0251, III",
        "0.05, III",
        "0.0501, IV",
        "0.1, IV",
        "0.1001, V",
        "0.2, V",
        "0.2001, WORSE_THAN_V"
    })
    void everyLakeClassBoundaryOfGb3838(double tp, WaterClass expected) {
        assertThat(LIMITS.classifyPhosphorus(tp, true)).isEqualTo(expected);
    }

    @Test
    void phosphorusLimitIsTheTargetClassBound() {
        Site qiling = REGISTRY.site("W-QILING").orElseThrow();
        assertThat(LIMITS.phosphorusLimit(qiling, REGISTRY.station("ST-QILING").orElseThrow()))
                .isEqualTo(0.3);
    }

    @Test
    void ruleSettingsComeFromTheDefaultsTableAndTheRegistryOverridesThem() {
        assertThat(REGISTRY.rules().noise().intervalDurations())
                .containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(20), Duration.ofHours(1));
        assertThat(REGISTRY.rules().outOfOrdernessDuration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(REGISTRY.rules().readerIdleDuration()).isEqualTo(Duration.ofMinutes(1));
        String base = """
                towns: [{id: t1, name: T}]
                teams: [{id: team1, name: Team, towns: [t1]}]
                sites:
                  - {id: N1, name: n, kinds: [noise], lat: 22.9, lon: 114, town: t1, team: team1, gateway: gw1, noiseZone: "3"}
                """;
        Registry custom =
                RegistryLoader.parse("x", base + "rules:\n  noise:\n    openAfter: 5\n    intervals: [PT10S]\n");
        assertThat(custom.rules().noise().openAfter()).isEqualTo(5);
        assertThat(custom.rules().noise().intervalDurations()).containsExactly(Duration.ofSeconds(10));
        assertThat(custom.rules().noise().hysteresis()).isEqualTo(3.0);
        assertThatThrownBy(() ->
                        RegistryLoader.parse("x", base + "rules:\n  noise:\n    openAfter: 0\n    clearAfter: soon\n"))
                .hasMessageContaining("rules.noise.openAfter: must be at least 1")
                .hasMessageContaining("rules.noise.clearAfter: soon is not an ISO-8601 duration");
        // Longer LAeq intervals are cut from the shortest one's: each must be a whole number of them.
        assertThat(RegistryLoader.parse("x", base + "rules:\n  noise:\n    intervals: [PT1H, PT10S, PT20M]\n")
                        .rules()
                        .noise()
                        .intervalDurations())
                .containsExactly(Duration.ofHours(1), Duration.ofSeconds(10), Duration.ofMinutes(20));
        assertThatThrownBy(() -> RegistryLoader.parse("x", base + "rules:\n  noise:\n    intervals: [PT1M, PT90S]\n"))
                .hasMessageContaining(
                        "rules.noise.intervals[1]: PT90S is not a whole number of the shortest interval, PT1M");
        assertThat(RegistryLoader.parse("x", base + "rules:\n  complaints:\n    evidenceSlot: PT5M\n")
                        .rules()
                        .complaints()
                        .evidenceSlotMillis())
                .isEqualTo(300_000);
        assertThatThrownBy(() -> RegistryLoader.parse("x", base + "rules:\n  complaints:\n    evidenceSlot: PT7M\n"))
                .hasMessageContaining("rules.complaints.evidenceSlot: a day must be a whole number of slots, not PT7M");
        assertThat(RegistryLoader.parse("x", base + "rules:\n  readerIdle: PT2S\n")
                        .rules()
                        .readerIdleDuration())
                .isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> RegistryLoader.parse("x", base + "rules:\n  readerIdle: PT0S\n"))
                .hasMessageContaining("rules.readerIdle: PT0S must be positive");
    }
}
