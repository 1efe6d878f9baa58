package io.envwatch.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.envwatch.alerting.staff.Role;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.alerting.staff.StaffDirectory;
import io.envwatch.district.registry.RegistryLoader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DutySettingsLoaderTest {
    private static DutySettings parse(String yaml, Map<String, String> env) {
        return DutySettingsLoader.parse("duty.yaml", yaml, RegistryLoader.sample(), env::get);
    }

    @Test
    void theShippedSampleIsValidAndMapsTeamsToTheirTowns() {
        DutySettings s = parse(DutySettingsLoader.sampleText(), Map.of());
        assertThat(s.acknowledgeWithin()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.onSceneWithin()).isEqualTo(Duration.ofMinutes(30));
        var north = new StaffDirectory(s.staff()).byToken("north-demo-token").orElseThrow();
        assertThat(north.role()).isEqualTo(Role.TEAM_MEMBER);
        assertThat(north.towns()).containsExactlyInAnyOrder("changping", "qiaotou");
        assertThat(north.mayActIn("qiaotou")).isTrue();
        assertThat(north.mayActIn("fenggang")).isFalse();
        assertThat(new StaffDirectory(s.staff()).byToken("wrong")).isEmpty();
    }

    @Test
    void everyProblemIsReportedWithItsLine() {
        String yaml = """
                deadlines:
                  acknowledge: five minutes
                staff:
                  - name: a
                    role: janitor
                    tokenSha256: 29da7b20bbb6b86d6b044eb9b8e09ac92bd6902c8059cfd95bca702cbc0486ca
                  - name: b
                    role: team-member
                    team: team-nowhere
                    tokenSha256: duty-demo-token
                channels:
                  - id: hook
                    type: carrier-pigeon
                    audience: team:team-ghost
                    url: ftp://example.org/x
                    secretEnv: MISSING_SECRET
                  - id: hook
                    type: webhook
                    audience: everybody
                    url: http://example.org/y
                    secret: short
                colour: blue
                complaintIntake:
                  perClient: 0
                  overallWindow: soon
                  trustForwardedFor: "yes"
                  burst: 3
                http:
                  headersWithin: never
                """;
        assertThatThrownBy(() -> parse(yaml, Map.of()))
                .isInstanceOf(DutySettingsLoader.Invalid.class)
                .satisfies(
                        e -> assertThat(((DutySettingsLoader.Invalid) e).problems())
                                .containsExactlyInAnyOrder(
                                        "line 22 colour: unknown setting (known: [deadlines, reopenWithin, incidentLookback, pollEvery, consoleUrl, dutyRooms, staff, channels, "
                                                + "complaintIntake, cases, tips, http, reception, supervision, patrols])",
                                        "line 29 http.headersWithin: must be an ISO-8601 duration such as PT5M, not never",
                                        "line 24 complaintIntake.perClient: must be a whole number from 1 to 1000000",
                                        "line 25 complaintIntake.overallWindow: must be an ISO-8601 duration such as PT5M, not soon",
                                        "line 26 complaintIntake.trustForwardedFor: must be true or false",
                                        "line 27 complaintIntake.burst: unknown key (known: [overall, overallWindow, perClient, perClientWindow, trustForwardedFor])",
                                        "line 2 deadlines.acknowledge: must be an ISO-8601 duration such as PT5M, not five minutes",
                                        "line 5 staff[0].role: unknown role janitor (duty-officer, duty-leader, team-member, monitor, leader, hotline, "
                                                + "grid-officer, information-officer)",
                                        "line 9 staff[1].team: no team team-nowhere in the registry",
                                        "line 10 staff[1].tokenSha256: must be the token's SHA-256 as 64 lower-case hex digits "
                                                + "(printf %s \"$TOKEN\" | sha256sum), never the token itself",
                                        "line 13 channels[0] (id hook).type: unknown channel type carrier-pigeon (known: [dingtalk, email, sms, webhook, wecom])",
                                        "line 14 channels[0] (id hook).audience: no team team-ghost in the registry",
                                        "line 17 channels[1] (id hook).id: another channel is already called hook",
                                        "line 19 channels[1] (id hook).audience: audience must be duty-room, duty-room:<town room id>, "
                                                + "duty-leader, team:<team id> or leader:<name>, not everybody",
                                        "line 21 channels[1] (id hook).secret: the signing secret must be at least 16 characters"));
    }

    @Test
    void leadersAndTheLedgerAreCheckedWithTheirLines() {
        DutySettings sample = parse(DutySettingsLoader.sampleText(), Map.of());
        assertThat(sample.cases().leaders())
                .extracting(l -> l.name() + ":" + l.level() + ":" + l.superior())
                .containsExactly(
                        "city-leader:city-leader:null",
                        "branch-chief:branch-chief:city-leader",
                        "fenggang-section-chief:section-chief:branch-chief");
        assertThat(sample.cases().evidencePeriod()).isEqualTo(Duration.ofDays(30));
        assertThat(sample.cases().ownerFor(20, "fenggang").orElseThrow().name()).isEqualTo("fenggang-section-chief");
        assertThat(sample.cases().ownerFor(20, "tangxia").orElseThrow().name()).isEqualTo("branch-chief");

        String yaml = """
                staff:
                  - name: chief
                    role: leader
                    level: mayor
                    towns: [atlantis]
                    tokenSha256: 29da7b20bbb6b86d6b044eb9b8e09ac92bd6902c8059cfd95bca702cbc0486ca
                  - name: officer
                    role: duty-officer
                    level: city-leader
                    tokenSha256: a26dc14035967b3c0c9a4b6b739466b67032cf850a18ab3192c9c34992c79ed0
                  - name: section
                    role: leader
                    level: section-chief
                    superior: deputy
                    tokenSha256: 233c0a41aebe91f481550de5df858e8a93028474b7cb014e9ecaa1da6606307f
                cases:
                  evidencePeriod: a month
                  levels:
                    - {level: president, minHouseholds: 5}
                """;
        assertThatThrownBy(() -> parse(yaml, Map.of()))
                .isInstanceOf(DutySettingsLoader.Invalid.class)
                .satisfies(
                        e -> assertThat(((DutySettingsLoader.Invalid) e).problems())
                                .containsExactlyInAnyOrder(
                                        "line 4 staff[0].level: unknown level mayor [city-leader, branch-chief, section-chief]",
                                        "line 5 staff[0].towns: no town atlantis in the registry",
                                        "line 9 staff[1].level: only a leader has a level",
                                        "line 14 staff[2].superior: deputy is not a leader",
                                        "line 17 cases.evidencePeriod: must be an ISO-8601 duration such as PT5M, not a month",
                                        "line 19 cases.levels[0].level: unknown level president [city-leader, branch-chief, section-chief]"));
    }

    @Test
    void tipSettingsNeedClassesAndAKeyOfTheRightSize() {
        DutySettings sample = parse(DutySettingsLoader.sampleText(), Map.of());
        assertThat(sample.tips().classes())
                .extracting(c -> c.id())
                .contains("hidden-discharge-pipe", "hazardous-waste-dumping");
        assertThat(sample.tips().key()).hasSize(32);
        String yaml = """
                tips:
                  keyEnv: TIP_KEY
                  classes:
                    - {id: pipes, name: Pipes, reward: lots}
                """;
        assertThatThrownBy(() -> parse(yaml, Map.of("TIP_KEY", "c2hvcnQ=")))
                .isInstanceOf(DutySettingsLoader.Invalid.class)
                .satisfies(
                        e -> assertThat(((DutySettingsLoader.Invalid) e).problems())
                                .containsExactlyInAnyOrder(
                                        "line 4 tips.classes[0] (id pipes).reward: must be an amount in yuan, 0 or more",
                                        "line 2 tips.keyEnv: the tip key must be base64 of 32 random bytes (head -c 32 /dev/urandom | base64)"));
        assertThatThrownBy(() -> parse(yaml.replace("reward: lots", "reward: 10"), Map.of()))
                .hasMessageContaining("line 2 tips.keyEnv: the environment variable TIP_KEY is not set");
    }

    @Test
    void aLeaderAudienceNamesALeaderOfTheStaff() {
        String yaml = DutySettingsLoader.sampleText().replace("channels: []", """
                channels:
                  - {id: hook, type: webhook, audience: "leader:nobody", url: "http://example.org/x", secret: "0123456789abcdef0"}""");
        assertThatThrownBy(() -> parse(yaml, Map.of()))
                .hasMessageContaining("channels[0] (id hook).audience: no leader called nobody");
        assertThat(parse(yaml.replace("leader:nobody", "leader:branch-chief"), Map.of())
                        .channels())
                .singleElement()
                .satisfies(c -> assertThat(c.audience()).isEqualTo("leader:branch-chief"));
    }

    @Test
    void gridsNameTheirTownVillageOfficersRoundsAndPointsEachChecked() {
        String sample = DutySettingsLoader.sampleText();
        var patrols =
                parse(sample, Map.of("ENVWATCH_PATROL_PHOTOS", "/srv/photos")).patrols();
        assertThat(patrols.photos()).hasToString("/srv/photos");
        assertThat(patrols.grids())
                .extracting(g -> g.id() + " " + g.village() + " " + g.officer() + " " + g.rounds() + " "
                        + g.roundTakes() + " " + g.points().size())
                .containsExactly(
                        "FG-FENGDELING-1 FG-FENGDELING fengdeling-grid-officer [08:30, 20:30] PT2H 2",
                        "FG-YANTIAN-1 FG-YANTIAN yantian-grid-officer [07:00, 22:00] PT1H30M 2");
        assertThat(patrols.grids().get(1).informationOfficers()).containsExactly("yantian-information-officer");
        var officer = new StaffDirectory(parse(sample, Map.of()).staff())
                .byToken("fengdeling-grid-demo-token")
                .orElseThrow();
        assertThat(officer.role().inTheField()).isTrue();
        assertThat(officer.mayActIn("fenggang")).isFalse();

        String broken = sample.replace("""
                      village: FG-FENGDELING
                      officer: fengdeling-grid-officer
                      rounds: ["08:30", "20:30"]
                      roundTakes: PT2H
                """, """
                      village: FG-YANTIAN-NOWHERE
                      officer: duty-officer
                      informationOfficers: [fengdeling-grid-officer]
                      rounds: ["20:30", "08:30", "9 pm"]
                      roundTakes: PT13H
                """)
                .replace(
                        "- {id: gate, name: 凤德岭村口, at: [22.7325, 114.1255], radius: 150}",
                        "- {id: metalworks, name: 凤德岭村口, at: [122.7, 114.1], radius: 5}")
                .replace("      village: FG-YANTIAN\n", "      village: FG-SANLIAN\n      colour: red\n")
                .replace("    - id: FG-YANTIAN-1", "    - id: FG-FENGDELING-1");
        assertThatThrownBy(() -> parse(broken, Map.of()))
                .hasMessageContaining(
                        "patrols.grids[0] (id FG-FENGDELING-1).village: unknown village FG-YANTIAN-NOWHERE")
                .hasMessageContaining(
                        "patrols.grids[0] (id FG-FENGDELING-1).officer: duty-officer is no grid-officer of the staff")
                .hasMessageContaining(
                        "patrols.grids[0] (id FG-FENGDELING-1).informationOfficers[0]: fengdeling-grid-officer is no information-officer")
                .hasMessageContaining(
                        "patrols.grids[0] (id FG-FENGDELING-1).rounds[1]: rounds must be listed in the day's order, each once")
                .hasMessageContaining(
                        "patrols.grids[0] (id FG-FENGDELING-1).rounds[2]: must be a local time such as 08:30, not 9 pm")
                .hasMessageContaining(
                        "patrols.grids[0] (id FG-FENGDELING-1).points[0] (id metalworks).at: must be [lat, lon] in degrees")
                .hasMessageContaining(
                        "patrols.grids[0] (id FG-FENGDELING-1).points[0] (id metalworks).radius: must be a whole number from 10 to 2000")
                .hasMessageContaining("patrols.grids[1] (id FG-FENGDELING-1).colour: unknown key")
                .hasMessageContaining(
                        "patrols.grids[1] (id FG-FENGDELING-1).id: another grid is already called FG-FENGDELING-1");
        String overlapping = sample.replace("      roundTakes: PT1H30M", "      roundTakes: PT10H");
        assertThatThrownBy(() -> parse(overlapping, Map.of()))
                .hasMessageContaining("PT10H is longer than the PT9H between two rounds");
    }

    @Test
    void receptionDaysNameATownALeaderAndADayEveryMonthHas() {
        String sample = DutySettingsLoader.sampleText();
        assertThat(parse(sample, Map.of()).reception().schedules())
                .extracting(d -> d.town() + " " + d.leader() + " " + d.dayOfMonth())
                .containsExactly("fenggang fenggang-section-chief 15", "tangxia branch-chief 20");
        String broken = sample.replace(
                "  - {town: tangxia, leader: branch-chief, dayOfMonth: 20}",
                "  - {town: atlantis, leader: duty-officer, dayOfMonth: 31}\n"
                        + "  - {town: fenggang, leader: fenggang-section-chief, dayOfMonth: 1, hour: 9}");
        assertThatThrownBy(() -> parse(broken, Map.of()))
                .hasMessageContaining("reception[1].town: unknown town atlantis")
                .hasMessageContaining("reception[1].leader: duty-officer is no leader of the staff")
                .hasMessageContaining("reception[1].dayOfMonth: must be a whole number from 1 to 28")
                .hasMessageContaining("reception[2].hour: unknown key")
                .hasMessageContaining("reception[2]: fenggang-section-chief has a reception day in fenggang already");
    }

    @Test
    void townDutyRoomsTheirStaffAndChannelsAreCheckedWithTheirLines() {
        String yaml = """
                dutyRooms:
                  - {id: fenggang-room, towns: [fenggang], acknowledgeWithin: PT10M}
                  - {id: city, towns: [fenggang, atlantis]}
                staff:
                  - name: fg
                    role: duty-officer
                    room: fenggang-room
                    tokenSha256: 29da7b20bbb6b86d6b044eb9b8e09ac92bd6902c8059cfd95bca702cbc0486ca
                  - name: squad
                    role: team-member
                    team: team-fenggang
                    room: fenggang-room
                    tokenSha256: 39da7b20bbb6b86d6b044eb9b8e09ac92bd6902c8059cfd95bca702cbc0486ca
                channels:
                  - {id: tx-room, type: webhook, audience: "duty-room:tangxia-room", url: "http://example.org/x",
                     secret: a-long-enough-secret}
                """;
        assertThatThrownBy(() -> parse(yaml, Map.of()))
                .isInstanceOf(DutySettingsLoader.Invalid.class)
                .satisfies(e -> assertThat(((DutySettingsLoader.Invalid) e).problems())
                        .containsExactlyInAnyOrder(
                                "line 3 dutyRooms[1] (id city).id: must be letters, digits, '.', '_' or '-', unique, "
                                        + "and not city",
                                "line 3 dutyRooms[1] (id city).towns: fenggang already belongs to fenggang-room",
                                "line 3 dutyRooms[1] (id city).towns: no town atlantis in the registry",
                                "line 12 staff[1].room: only a duty officer or duty leader works in a town's duty room",
                                "line 15 channels[0] (id tx-room).audience: no duty room tangxia-room (dutyRooms: "
                                        + "[city, fenggang-room])"));
        String good = yaml.replace("  - {id: city, towns: [fenggang, atlantis]}\n", "")
                .replace("    room: fenggang-room\n    tokenSha256: 39", "    tokenSha256: 39")
                .replace("duty-room:tangxia-room", "duty-room:fenggang-room");
        DutySettings s = parse(good, Map.of());
        assertThat(s.alerts().townRooms())
                .extracting(r -> r.id() + " " + r.towns() + " " + r.acknowledgeWithin() + " " + r.onSceneWithin())
                .containsExactly("fenggang-room [fenggang] PT10M PT30M");
        Staff fg = s.staff().get(0);
        assertThat(fg.mayActIn("fenggang")).isTrue();
        assertThat(fg.mayActIn("tangxia"))
                .as("a town room's officer acts for its towns")
                .isFalse();
        assertThat(fg.seesAlertsOf("tangxia")).isFalse();
    }

    @Test
    void aDeploymentNamesAWebhooksSecretByItsVariableTheDemoMayWriteIt(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String yaml = """
                channels:
                  - {id: hook, type: webhook, audience: duty-room, url: "https://example.org/x",
                     secret: written-in-the-file-0001}
                """;
        java.nio.file.Path file = dir.resolve("duty.yaml");
        java.nio.file.Files.writeString(file, yaml);
        assertThatThrownBy(() -> DutySettingsLoader.load(file, RegistryLoader.sample(), Map.<String, String>of()::get))
                .isInstanceOf(DutySettingsLoader.Invalid.class)
                .satisfies(e -> assertThat(((DutySettingsLoader.Invalid) e).problems())
                        .containsExactly("line 3 channels[0] (id hook).secret: a deployment names the signing secret "
                                + "by its variable (secretEnv); a secret written in the file is for the demo only"));
        assertThat(DutySettingsLoader.load(file, RegistryLoader.sample(), Map.of("ENVWATCH_DEMO", "true")::get)
                        .channels())
                .hasSize(1);
    }
}
