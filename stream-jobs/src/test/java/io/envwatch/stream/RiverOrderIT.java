package io.envwatch.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The river gateway sends three weeks of Qiling's samples (all 0.27 mg/L, under the 0.3 target) in
 * one unsorted batch, through the broker into the job: the month-to-date figures stored for each
 * sample are those of time order (sample n is the n-th, the budget never "low"), not of arrival.
 */
class RiverOrderIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final long HOUR = 3_600_000L;

    @Test
    void monthToDateFiguresFollowEventTimeNotArrival() throws Exception {
        try (EndToEnd e2e = new EndToEnd("envwatch_river_order")) {
            StreamExecutionEnvironment env = EndToEnd.kryoFree(StreamExecutionEnvironment.getExecutionEnvironment());
            // One reader: the other reader of a parallel job would hold event time back until it
            // is marked idle (a minute), which proves nothing here.
            env.setParallelism(1);
            env.enableCheckpointing(500);
            JobClient job = e2e.job("river-order-job").executeAsync(env);
            MqttClient gateway = e2e.publisher("river-order-gateway");
            long monthStart = ZonedDateTime.now(ZoneId.of("Asia/Shanghai"))
                    .minusMonths(1)
                    .withDayOfMonth(1)
                    .toLocalDate()
                    .atStartOfDay(ZoneId.of("Asia/Shanghai"))
                    .toInstant()
                    .toEpochMilli();
            e2e.awaitSubscribed(gateway, monthStart - HOUR, 1);

            List<Long> times = new ArrayList<>();
            for (int k = 0; k < 126; k++) {
                times.add(monthStart + k * 4 * HOUR);
            }
            List<Long> shuffled = new ArrayList<>(times);
            Collections.shuffle(shuffled, new Random(42));
            StringBuilder batch = new StringBuilder("{\"readings\":[");
            for (int i = 0; i < shuffled.size(); i++) {
                batch.append(i == 0 ? "" : ",")
                        .append("{\"sensor\":\"W-QILING\",\"ts\":")
                        .append(shuffled.get(i))
                        .append(",\"quantity\":\"tp\",\"value\":0.27,\"unit\":\"mg/L\"}");
            }
            EndToEnd.publish(gateway, "gw-river-01", batch.append("]}").toString());
            // Event time moves past the last sample with a later reading of another station.
            EndToEnd.publish(
                    gateway,
                    "gw-river-01",
                    "{\"readings\":[{\"sensor\":\"W-TANGXIA\",\"ts\":" + (times.get(times.size() - 1) + 3 * HOUR)
                            + ",\"quantity\":\"tp\",\"value\":0.1,\"unit\":\"mg/L\"}]}");

            EndToEnd.await(
                    "the 126 month-to-date points",
                    Duration.ofSeconds(60),
                    () -> e2e.count("SELECT count(samples) FROM tp_month WHERE site = 'W-QILING'") >= 126);
            List<Object[]> rows =
                    e2e.query("SELECT samples, budget_state FROM tp_month WHERE site = 'W-QILING' ORDER BY time ASC");
            assertThat(rows)
                    .extracting(r -> (long) Double.parseDouble(r[1].toString()))
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, 126).boxed().toList());
            assertThat(rows).extracting(r -> r[2]).containsOnly("ok");
            assertThat(e2e.count("SELECT count(id) FROM incident WHERE rule = 'tp-budget'"))
                    .isZero();
            gateway.disconnect();
            job.cancel().get();
        }
    }
}
