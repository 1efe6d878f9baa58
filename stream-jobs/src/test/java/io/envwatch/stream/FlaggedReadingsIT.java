package io.envwatch.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.readings.DataFlag;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.ingest.mqtt.source.MqttPayload;
import io.envwatch.stream.storage.PointSinks;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two noise stations beside homes read 70 dB(A) for an hour of the night, one of them flagged by its
 * instrument as in calibration (HJ 212 flag C): both are stored, the flagged one with its flag, and
 * only the normal one becomes LAeq intervals, an incident and a duty alert.
 */
class FlaggedReadingsIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension();

    /** 23:00 local (UTC+8) on 20 November: night. */
    private static final long ELEVEN_PM = Instant.parse("2026-11-20T15:00:00Z").toEpochMilli();

    private static final int MINUTES = 65;

    @Test
    void aValueInCalibrationIsStoredWithItsFlagAndRaisesNoAlarm() throws Exception {
        try (EndToEnd e2e = new EndToEnd("envwatch_flagged")) {
            DataGeneratorSource<MqttPayload> minutes = new DataGeneratorSource<>(
                    i -> {
                        long ts = ELEVEN_PM + i * 60_000L;
                        byte[] batch = ReadingCodec.encode(
                                "gw-fenggang-01",
                                List.of(
                                        new Reading("FE-N01", Quantity.NOISE, 70, ts, "gw-fenggang-01")
                                                .flagged(DataFlag.C),
                                        new Reading("FE-N02", Quantity.NOISE, 70, ts, "gw-fenggang-01")));
                        return new MqttPayload(ReadingCodec.topicFor("gw-fenggang-01"), batch, ts);
                    },
                    MINUTES,
                    TypeInformation.of(MqttPayload.class));
            StreamExecutionEnvironment env = EndToEnd.kryoFree(StreamExecutionEnvironment.getExecutionEnvironment());
            env.setParallelism(1);
            new EnvWatchJob(
                            minutes,
                            PointSinks.influx(e2e.influx),
                            EndToEnd.REGISTRY,
                            new ReadingCodec(EndToEnd.REGISTRY))
                    .executeAsync(env)
                    .getJobExecutionResult()
                    .get();

            assertThat(e2e.count("SELECT count(value) FROM reading WHERE site = 'FE-N01' AND flag = 'C'"))
                    .isEqualTo(MINUTES);
            assertThat(e2e.count("SELECT count(value) FROM reading WHERE site = 'FE-N02' AND flag = ''"))
                    .isEqualTo(MINUTES);
            assertThat(e2e.count("SELECT count(value) FROM reading WHERE site = 'FE-N02' AND flag = 'C'"))
                    .isZero();
            assertThat(e2e.count("SELECT count(laeq) FROM noise_laeq WHERE site = 'FE-N02'"))
                    .isPositive();
            assertThat(e2e.count("SELECT count(laeq) FROM noise_laeq WHERE site = 'FE-N01'"))
                    .isZero();
            assertThat(e2e.count("SELECT count(peak) FROM incident WHERE site = 'FE-N02'"))
                    .isPositive();
            assertThat(e2e.count("SELECT count(peak) FROM incident WHERE site = 'FE-N01'"))
                    .isZero();
            assertThat(e2e.query("SELECT * FROM duty_alert WHERE site = 'FE-N01'"))
                    .isEmpty();
            assertThat(e2e.query("SELECT * FROM duty_alert WHERE site = 'FE-N02'"))
                    .isNotEmpty();
        }
    }
}
