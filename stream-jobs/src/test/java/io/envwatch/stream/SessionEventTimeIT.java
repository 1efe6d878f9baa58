package io.envwatch.stream;

import static io.envwatch.stream.EndToEnd.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.ingest.mqtt.source.MqttSourceConfig;
import io.envwatch.ingest.mqtt.source.split.MqttSplit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Event time is each MQTT session's own, and a reader's is the earliest of its sessions': one
 * session's readings are never late because another session of the same reader got ahead. After a
 * restart, or a downscale that gives one reader several sessions, each session's backlog comes from
 * the broker at its own pace; when the reader's event time was that of everything it had read, the
 * session that came first made the other's backlog late, minutes of readings missing from every
 * interval (seen in FlinkClusterIT: 17 minutes of one sensor after the rescale to one reader).
 *
 * <p>Here one reader (parallelism 1) resumes two sessions that an earlier run left on the broker.
 * The first session's gateway has an hour of readings waiting; the second's publishes the same hour
 * only once the first hour is stored. Not one of the second's readings may be late. Then the second
 * falls silent: after {@code rules.readerIdle} it no longer holds event time, and the first
 * gateway's next readings close their intervals.
 */
@Tag("order")
class SessionEventTimeIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = EndToEnd.twoSlots();

    private static final long STEP = 10_000;
    private static final long MINUTE = 60_000;
    private static final String PREFIX = "session-time";
    /** A session silent this long stops holding event time. */
    private static final Registry DISTRICT = RegistryLoader.parse(
            "the sessions' district", RegistryLoader.sampleText() + "\nrules:\n  readerIdle: PT20S\n");

    private static final String[] AHEAD = {"gw-fenggang-01", "FE-N01"};
    private static final String[] BEHIND = {"gw-tangxia-01", "TA-N02"};

    @Test
    void aSessionsBacklogIsNotLateBecauseAnotherSessionOfItsReaderGotAhead() throws Exception {
        try (EndToEnd e2e = new EndToEnd("envwatch_session_time")) {
            MqttSourceConfig config = MqttSourceConfig.of(e2e.broker.url(), EnvWatchJobMain.topics(DISTRICT), PREFIX);
            MqttSplit first = new MqttSplit(PREFIX + "-0", 0, 2);
            MqttSplit second = new MqttSplit(PREFIX + "-1", 1, 2);
            List<String> firstTopics = config.filtersOf(first);
            assertThat(firstTopics.contains(ReadingCodec.topicFor(AHEAD[0])))
                    .as("the two gateways' topics belong to different sessions")
                    .isNotEqualTo(firstTopics.contains(ReadingCodec.topicFor(BEHIND[0])));
            // An earlier run's two sessions, subscribed and waiting on the broker.
            leaveSession(e2e, config, first);
            leaveSession(e2e, config, second);

            long base = Instant.now().minusSeconds(4 * 3600).toEpochMilli() / MINUTE * MINUTE;
            MqttClient publisher = e2e.publisher("session-time-gateways");
            publishHour(publisher, AHEAD, base);

            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            JobClient job = e2e.job(PREFIX, DISTRICT).executeAsync(env);
            try {
                await(
                        "the hour of the session that is ahead stored",
                        Duration.ofSeconds(60),
                        () -> stored(e2e, AHEAD[1]) == 360);
                Thread.sleep(1_000); // several periodic watermarks of the reader
                publishHour(publisher, BEHIND, base);
                await(
                        "the hour of the session that is behind stored",
                        Duration.ofSeconds(60),
                        () -> stored(e2e, BEHIND[1]) == 360);
                // Event time is now 57:50 in for both: each minute it has passed counts its 6 readings.
                long minutes = 57;
                for (String[] gateway : List.of(BEHIND, AHEAD)) {
                    await(
                            gateway[1] + "'s first " + minutes + " minutes",
                            Duration.ofSeconds(30),
                            () -> intervals(e2e, gateway[1], base, base + minutes * MINUTE) == minutes);
                }
                assertThat(e2e.count("SELECT count(value) FROM late_reading WHERE site = '" + BEHIND[1] + "'"))
                        .as(BEHIND[1] + "'s readings stored as late")
                        .isZero();
                for (String[] gateway : List.of(BEHIND, AHEAD)) {
                    assertThat(e2e.count("SELECT sum(n) FROM noise_laeq WHERE site = '" + gateway[1]
                                    + "' AND \"interval\" = 'PT1M' AND time < " + (base + minutes * MINUTE) + "ms"))
                            .as(gateway[1] + ": readings counted by its first " + minutes + " 1-minute intervals")
                            .isEqualTo(6 * minutes);
                }

                // The second session falls silent; once idle it no longer holds the first one back.
                for (long ts = base + 60 * MINUTE; ts < base + 90 * MINUTE; ts += STEP) {
                    EndToEnd.publish(publisher, AHEAD[0], reading(AHEAD[1], ts));
                }
                await(
                        AHEAD[1] + "'s minutes after the other session went idle",
                        Duration.ofSeconds(90),
                        () -> intervals(e2e, AHEAD[1], base, base + 87 * MINUTE) == 87);
            } finally {
                job.cancel().get();
                publisher.disconnect();
                publisher.close();
            }
        }
    }

    /** A persistent session subscribed to its share of the topics, then disconnected: it queues for the job. */
    private static void leaveSession(EndToEnd e2e, MqttSourceConfig config, MqttSplit split) throws MqttException {
        MqttClient client = new MqttClient(e2e.broker.url(), split.clientId(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        client.connect(options);
        for (String filter : config.filtersOf(split)) {
            client.subscribe(filter, 1);
        }
        client.disconnect();
        client.close();
    }

    /** One noise reading every 10 s of the hour from {@code base}, one per message, in time order. */
    private static void publishHour(MqttClient publisher, String[] gateway, long base) throws MqttException {
        for (long ts = base; ts < base + 60 * MINUTE; ts += STEP) {
            EndToEnd.publish(publisher, gateway[0], reading(gateway[1], ts));
        }
    }

    private static String reading(String sensor, long ts) {
        return "{\"readings\":[{\"sensor\":\"" + sensor + "\",\"ts\":" + ts
                + ",\"quantity\":\"noise\",\"value\":55.0,\"unit\":\"dB(A)\"}]}";
    }

    private static long stored(EndToEnd e2e, String sensor) {
        return e2e.count("SELECT count(value) FROM reading WHERE site = '" + sensor + "'");
    }

    private static long intervals(EndToEnd e2e, String sensor, long from, long to) {
        return e2e.count("SELECT count(n) FROM noise_laeq WHERE site = '" + sensor
                + "' AND \"interval\" = 'PT1M' AND time >= " + from + "ms AND time < " + to + "ms");
    }
}
