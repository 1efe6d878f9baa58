package io.envwatch.stream.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.local.LocalInfluxd;
import io.envwatch.local.LocalProcess;
import io.envwatch.stream.EnvWatchJobMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The job's start-up check of its InfluxDB, against a real influxd 1.x. */
class InfluxTargetIT {
    private static LocalInfluxd influxd;

    @BeforeAll
    static void start() {
        assumeTrue(LocalInfluxd.isInstalled(), "influxd is not installed");
        influxd = LocalInfluxd.start();
    }

    @AfterAll
    static void stop() {
        if (influxd != null) {
            influxd.close();
        }
    }

    @Test
    void aDatabaseThatExistsPasses() {
        influxd.createDatabase("target_there");
        InfluxTarget.check(InfluxSettings.v1(influxd.url(), "target_there"), false);
    }

    @Test
    void aMissingDatabaseIsOneLineThatSaysWhatToDo() {
        assertThatThrownBy(() -> InfluxTarget.check(InfluxSettings.v1(influxd.url(), "target_missing"), false))
                .isInstanceOf(InfluxTarget.Unwritable.class)
                .hasMessage("InfluxDB at " + influxd.url() + " has no database 'target_missing': create it"
                        + " (CREATE DATABASE \"target_missing\"), or start the job with --influx-create-database true");
        assertThat(influxd.query("SHOW DATABASES")).doesNotContain("target_missing");
    }

    @Test
    void aMissingDatabaseIsCreatedWhenAllowed() {
        InfluxTarget.check(InfluxSettings.v1(influxd.url(), "target_created"), true);
        assertThat(influxd.query("SHOW DATABASES")).contains("target_created");
        InfluxTarget.check(InfluxSettings.v1(influxd.url(), "target_created"), false);
    }

    @Test
    void aServerThatIsNotThereIsSaidSo() {
        String nobody = "http://127.0.0.1:" + LocalProcess.freePort();
        assertThatThrownBy(() -> InfluxTarget.check(InfluxSettings.v1(nobody, "envwatch"), false))
                .isInstanceOf(InfluxTarget.Unwritable.class)
                .hasMessageStartingWith("InfluxDB at " + nobody + " cannot be reached")
                .hasMessageEndingWith("start it, or point --influx-url at it");
    }

    @Test
    void theJobDoesNotStartWithoutItsDatabase() {
        assertThatThrownBy(() -> EnvWatchJobMain.main(new String[] {
                    "--influx-url", influxd.url(), "--influx-database", "job_missing", "--mqtt-url", "tcp://127.0.0.1:1"
                }))
                .isInstanceOf(InfluxTarget.Unwritable.class)
                .hasMessageContaining("has no database 'job_missing'");
    }

    @Test
    void credentialsTheServerRefusesAreOneLineThatSaysWhichSetting() {
        try (LocalInfluxd secured = LocalInfluxd.startWithAuth("envwatch-admin", "right")) {
            InfluxSettings admin = new InfluxSettings(
                    InfluxSettings.ApiVersion.V1, secured.url(), "secured", null, null, "envwatch-admin", "right");
            InfluxTarget.check(admin, true);
            InfluxSettings wrong = new InfluxSettings(
                    InfluxSettings.ApiVersion.V1, secured.url(), "secured", null, null, "envwatch-admin", "wrong");
            assertThatThrownBy(() -> InfluxTarget.check(wrong, false))
                    .isInstanceOf(InfluxTarget.Unwritable.class)
                    .hasMessage("InfluxDB at " + secured.url() + " refused the job's credentials (401) for writing to"
                            + " 'secured': check --influx-user and --influx-password");
            assertThatThrownBy(() -> InfluxTarget.check(InfluxSettings.v1(secured.url(), "secured"), false))
                    .hasMessageContaining("refused the job's credentials (401)");
        }
    }
}
