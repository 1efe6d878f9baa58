package io.envwatch.district.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.envwatch.district.language.Language;
import io.envwatch.district.readings.Quantity;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RegistryLoaderTest {

    private static final String VALID = """
            towns:
              - {id: t1, name: Town One}
            teams:
              - id: team1
                name: Team One
                towns: [t1]
            sites:
              - id: N1
                name: Boundary
                kinds: [noise]
                lat: 22.9
                lon: 114.0
                town: t1
                team: team1
                gateway: gw1
                noiseZone: "3"
            """;

    @Test
    void aTownIsFoundByItsIdAsTheRegistrySpellsIt() {
        Registry sample = RegistryLoader.sample();
        assertThat(sample.town("fenggang")).map(Town::name).contains("凤岗");
        assertThat(sample.town("Fenggang")).isEmpty();
        assertThat(sample.town("FE-N01")).as("a site is no town").isEmpty();
        assertThat(sample.town(null)).isEmpty();
    }

    @Test
    void sampleRegistryDescribesTheDistrictTheIssueAsksFor() {
        Registry r = RegistryLoader.sample();
        assertThat(r.towns()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(r.sites()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(r.buildings()).hasSizeGreaterThanOrEqualTo(20);
        for (SiteKind kind : SiteKind.values()) {
            assertThat(r.sites()).anyMatch(s -> s.measures(kind));
        }
        River river = r.river().orElseThrow();
        assertThat(river.stations()).hasSize(6);
        RiverStation last = river.stations().get(river.stations().size() - 1);
        assertThat(last.name()).isEqualTo("旗岭");
        assertThat(river.assessmentSection()).isEqualTo(last.id());
        assertThat(last.targetClass()).isEqualTo(WaterClass.IV);
        for (Site s : r.sites()) {
            assertThat(s.lat()).as(s.id()).isBetween(22.6, 23.2);
            assertThat(s.lon()).as(s.id()).isBetween(113.8, 114.3);
        }
        long buildingsNearFactories = r.buildings().stream()
                .filter(b -> r.sites().stream()
                        .anyMatch(s -> s.isBoundary() && LocalPlane.metres(s.lat(), s.lon(), b.lat(), b.lon()) < 100))
                .count();
        assertThat(buildingsNearFactories)
                .as("buildings within 100 m of a factory boundary")
                .isGreaterThanOrEqualTo(5);
    }

    @Test
    void minimalRegistryLoadsWithDefaultLocalTime() {
        Registry r = RegistryLoader.parse("test", VALID);
        assertThat(r.site("N1")).get().extracting(Site::noiseZone).isEqualTo(NoiseZone.ZONE_3);
        assertThat(r.localTime().zoneId().getId()).isEqualTo("Asia/Shanghai");
    }

    @Test
    void everyProblemIsReportedWithItsLineAndEntry() {
        String broken = VALID.replace("town: t1\n", "town: nowhere\n")
                        .replace("noiseZone: \"3\"", "noiseZone: \"3\"\n    limits: {noise.dusk: 50}")
                + """
                  - id: N1
                    name: Duplicate
                    kinds: [odour]
                    lat: 95.0
                    lon: 114.0
                    town: t1
                    team: team1
                    gateway: gw1
                """;
        assertThatThrownBy(() -> RegistryLoader.parse("broken.yaml", broken))
                .isInstanceOf(RegistryException.class)
                .satisfies(e -> {
                    List<String> problems = ((RegistryException) e).problems();
                    String all = problems.stream().collect(Collectors.joining("\n"));
                    assertThat(all).contains("line 13 sites[0] (id N1).town: unknown town nowhere");
                    assertThat(all)
                            .contains("line 14 sites[0] (id N1).team: team team1 does not answer for town nowhere");
                    assertThat(all).contains("unknown limit noise.dusk");
                    assertThat(all).contains("line 18 sites[1] (id N1).id: duplicate site id N1");
                    assertThat(all).contains("line 21 sites[1] (id N1).lat: latitude 95.0 is outside -90..90");
                    assertThat(all).contains("odour site N1 needs an odourClass");
                });
    }

    @Test
    void theDistrictsLanguageIsOneEnvWatchSpeaks() {
        assertThat(RegistryLoader.parse("x.yaml", VALID).language()).isEqualTo(Language.EN);
        assertThat(RegistryLoader.sample().language()).isEqualTo(Language.ZH_CN);
        assertThat(RegistryLoader.parse("x.yaml", "language: zh-CN\n" + VALID).language())
                .isEqualTo(Language.ZH_CN);
        assertThatThrownBy(() -> RegistryLoader.parse("x.yaml", "language: fr\n" + VALID))
                .hasMessageContaining("line 1 language: unknown language fr (EnvWatch speaks en, zh-CN)");
    }

    @Test
    void aDataLoggerSpeaksForOneSiteWithTheStandardsCodes() {
        Registry r = RegistryLoader.parse("x.yaml", VALID + """
                        loggers:
                          - mn: 4419N1HJ212
                            site: N1
                            system: 23
                            passwordEnv: N1_PW
                            codes: {LA1: noise}
                            units: {LA1: dBA}
                        """);
        DataLogger logger = r.logger("4419N1HJ212").orElseThrow();
        assertThat(logger.quantities()).containsEntry("LA", Quantity.NOISE).containsEntry("LA1", Quantity.NOISE);
        assertThat(logger.unit("LA1")).contains("dBA");
        assertThat(logger.unit("w21011"))
                .as("known codes in their quantity's unit")
                .contains("mg/L");
        assertThat(logger.unit("x99999")).isEmpty();
        assertThat(RegistryLoader.sample().loggers()).hasSize(3);
    }

    @Test
    void aDataLoggerIsCheckedLineByLine() {
        String broken = VALID + """
                loggers:
                  - {mn: "bad mn!", site: N1, system: 23, password: pw}
                  - {mn: L2, site: nowhere, system: 99, password: pw, passwordEnv: PW}
                  - {mn: L3, site: N1, system: 23, password: "p;w", codes: {a21028: h2s, w1: fog}, units: {LA: mg/L}, reads: hourly}
                """;
        assertThatThrownBy(() -> RegistryLoader.parse("x.yaml", broken))
                .hasMessageContaining("line 18 loggers[0].mn: a logger's mn is its device id")
                .hasMessageContaining("line 19 loggers[1].site: unknown site nowhere")
                .hasMessageContaining("line 19 loggers[1].system: system must be one of")
                .hasMessageContaining("line 19 loggers[1]: give the logger's password as passwordEnv")
                .hasMessageContaining("loggers[2].site: site N1 has a logger already")
                .hasMessageContaining("loggers[2].password: a password is 1 to 16 printable characters")
                .hasMessageContaining("loggers[2].codes.a21028: site N1 does not measure h2s")
                .hasMessageContaining("loggers[2].codes.w1: unknown quantity fog")
                .hasMessageContaining("loggers[2].units.LA: noise does not come in mg/L")
                .hasMessageContaining("loggers[2].reads: reads is realtime (CN 2011) or minute (CN 2051), not hourly");
    }

    @Test
    void aVillageIsCheckedLineByLine() {
        String broken = VALID + """
                villages:
                  - {id: V1, name: One, town: nowhere, centre: [22.7, 114.1], radius: 500}
                  - {id: V1, town: t1, centre: [22.7, 114.1], radius: 50000}
                  - {id: V3, name: Three, town: t1}
                  - {id: V4, name: Four, town: t1, outline: [[22.7, 114.1], [22.8, 114.1]], centre: [1, 2], radius: 3}
                """;
        assertThatThrownBy(() -> RegistryLoader.parse("x.yaml", broken))
                .hasMessageContaining("line 18 villages[0] (id V1).town: unknown town nowhere")
                .hasMessageContaining("line 19 villages[1] (id V1).id: duplicate village id V1")
                .hasMessageContaining("villages[1] (id V1).name: village V1 needs a name")
                .hasMessageContaining("villages[1] (id V1).radius: a radius is 1 to 20000 metres")
                .hasMessageContaining(
                        "villages[2] (id V3): give village V3 an outline, or a centre and a radius (one of them)")
                .hasMessageContaining(
                        "villages[3] (id V4): give village V4 an outline, or a centre and a radius (one of them)");
    }

    @Test
    void theSamplesPlacesLieInTheirVillagesAndSomeInNone() {
        Registry r = RegistryLoader.sample();
        assertThat(r.villages()).extracting(Village::id).containsExactly("FG-FENGDELING", "FG-YANTIAN", "FG-SANLIAN");
        assertThat(r.villageOf("FE-N01")).map(Village::id).contains("FG-FENGDELING");
        assertThat(r.villageOf("B-FE-01")).map(Village::id).contains("FG-FENGDELING");
        assertThat(r.villageOf("FE-N02")).map(Village::id).contains("FG-YANTIAN");
        assertThat(r.villageOf("B-FE-15")).map(Village::id).contains("FG-YANTIAN");
        assertThat(r.villageOf("FE-N03")).map(Village::id).contains("FG-SANLIAN");
        assertThat(r.villageOf("FE-N04")).as("outside every village").isEmpty();
        assertThat(r.villageOf("TA-O01")).as("another town's").isEmpty();
        // A point reported in another town is not placed in this town's village.
        assertThat(r.villageAt("tangxia", 22.7323, 114.125)).isEmpty();
        assertThat(r.villageAt(null, 22.7323, 114.125)).map(Village::id).contains("FG-FENGDELING");
    }

    @Test
    void unknownFieldAndBadEnumNameTheLine() {
        assertThatThrownBy(() -> RegistryLoader.parse("x.yaml", VALID.replace("noiseZone: \"3\"", "noiseZone: \"7\"")))
                .hasMessageContaining("line 16 sites[0] (id N1).noiseZone: unknown noise zone class")
                .hasMessageContaining("unknown noise zone class '7'");
        assertThatThrownBy(() -> RegistryLoader.parse("x.yaml", VALID.replace("    lat: 22.9", "    latt: 22.9")))
                .hasMessageContaining("line 8 sites[0] (id N1).lat: is missing");
        assertThatThrownBy(() -> RegistryLoader.parse("x.yaml", VALID + "    colour: red\n"))
                .hasMessageContaining("line 17 sites[0] (id N1).colour")
                .hasMessageContaining("Unrecognized field \"colour\"");
    }

    @Test
    void brokenYamlNamesTheLine() {
        assertThatThrownBy(() -> RegistryLoader.parse("x.yaml", "towns:\n  - {id: t1\nteams: ["))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void dayAndNightFollowLocalTimeNotTheServerZone() {
        LocalTimeRules rules = LocalTimeRules.DEFAULT;
        // 14:30 UTC is 22:30 in Shanghai: night, whatever the JVM's default zone says.
        assertThat(rules.isNight(Instant.parse("2026-11-21T14:30:00Z").toEpochMilli()))
                .isTrue();
        // 21:59 UTC is 05:59 local: still night; 22:00 UTC is 06:00 local: day.
        assertThat(rules.isNight(Instant.parse("2026-11-21T21:59:00Z").toEpochMilli()))
                .isTrue();
        assertThat(rules.isNight(Instant.parse("2026-11-21T22:00:00Z").toEpochMilli()))
                .isFalse();
        assertThat(rules.isNight(Instant.parse("2026-11-21T13:59:59Z").toEpochMilli()))
                .isFalse();
        LocalTimeRules moved = new LocalTimeRules("Asia/Shanghai", "07:00", "23:00");
        assertThat(moved.isNight(Instant.parse("2026-11-21T14:30:00Z").toEpochMilli()))
                .isFalse();
    }

    @Test
    void nightIsTheLocalClockAtEveryMillisecondAroundItsBoundsAndAcrossSummerTime() {
        // Berlin has summer time, Shanghai had it in 1986-1991; rules asked alternately, as two registries would be.
        List<LocalTimeRules> all = List.of(
                LocalTimeRules.DEFAULT,
                new LocalTimeRules("Europe/Berlin", "06:00", "22:00"),
                new LocalTimeRules("Asia/Shanghai", "22:00", "06:00"),
                new LocalTimeRules("Asia/Shanghai", "07:30", "23:15"));
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 200_000; i++) {
            LocalTimeRules rules = all.get(i % all.size());
            long t = i % 2 == 0
                    ? 500_000_000_000L + (long) (random.nextDouble() * 1_500_000_000_000L)
                    : Instant.parse("2026-03-29T00:00:00Z").toEpochMilli()
                            + (i % 86_400) * 60_000L
                            + random.nextInt(3)
                            - 1;
            java.time.LocalTime local =
                    Instant.ofEpochMilli(t).atZone(rules.zoneId()).toLocalTime();
            boolean expected = rules.dayStartTime().isBefore(rules.nightStartTime())
                    ? local.isBefore(rules.dayStartTime()) || !local.isBefore(rules.nightStartTime())
                    : !local.isBefore(rules.nightStartTime()) && local.isBefore(rules.dayStartTime());
            assertThat(rules.isNight(t))
                    .as(rules + " at " + Instant.ofEpochMilli(t))
                    .isEqualTo(expected);
        }
    }

    @Test
    void aSiteIdThatWouldBreakKeysAndTopicsIsRefusedWithItsLine() {
        assertThatThrownBy(() -> RegistryLoader.parse("x.yaml", VALID.replace("id: N1", "id: N1|noise")))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("line 8 sites[0] (id N1|noise).id")
                .hasMessageContaining("site id N1|noise may hold only letters, digits");
    }
}
