package io.envwatch.stream.readings;

import static io.envwatch.stream.Harnesses.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.readings.DeadLetter;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.stream.readings.ReadingIdentity.Minute;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each reading once, up to its quantity's horizon, through a snapshot and restore. */
class ReadingIdentityTest {
    private static final Registry REGISTRY = RegistryLoader.sample();
    /** 10:00:00 in Dongguan: the hour's LAeq interval runs to 10:59:59.999 local. */
    private static final long T10 = Instant.parse("2026-11-21T02:00:00Z").toEpochMilli();

    private static KeyedOneInputStreamOperatorTestHarness<String, Reading, Reading> identity(
            OperatorSubtaskState restored) throws Exception {
        return identity(restored, new HashMapStateBackend());
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Reading, Reading> identity(
            OperatorSubtaskState restored, StateBackend backend) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new ReadingIdentity.Operator(new ReadingIdentity(REGISTRY)), SiteReadings.SITE, Types.STRING);
        harness.setStateBackend(backend);
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        return harness;
    }

    private static List<String> taken(KeyedOneInputStreamOperatorTestHarness<String, Reading, Reading> harness) {
        return harness.extractOutputValues().stream().map(Reading::toString).toList();
    }

    private static List<DeadLetter> conflicts(
            KeyedOneInputStreamOperatorTestHarness<String, Reading, Reading> harness) {
        ConcurrentLinkedQueue<StreamRecord<DeadLetter>> out = harness.getSideOutput(ReadingIdentity.CONFLICTS);
        return out == null
                ? List.of()
                : out.stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }

    private static void feed(
            KeyedOneInputStreamOperatorTestHarness<String, Reading, Reading> harness, Reading... readings)
            throws Exception {
        for (Reading r : readings) {
            harness.processElement(r, r.timestamp);
        }
    }

    @Test
    void aCopyWithTheSameValueIsDroppedAndOneWithAnotherIsADeadLetterNamingBoth() throws Exception {
        try (var harness = identity(null)) {
            feed(
                    harness,
                    reading("FE-N01", Quantity.NOISE, 50.0, T10 + 1_000),
                    reading("FE-N01", Quantity.NOISE, 60.0, T10 + 2_000),
                    reading("FE-N01", Quantity.NOISE, 50.0, T10 + 1_000), // a gateway's retry
                    reading("FE-N02", Quantity.NOISE, 50.0, T10 + 1_000), // another site, same time
                    reading("FE-O01", Quantity.H2S, 0.02, T10 + 1_000), // another quantity, same time
                    reading("FE-N01", Quantity.NOISE, 61.5, T10 + 2_000), // the same identity, another value
                    reading("FE-N01", Quantity.NOISE, 55.0, T10 + 500)); // earlier, not a copy
            assertThat(taken(harness))
                    .containsExactly(
                            "FE-N01/noise=50.0dB(A)@" + (T10 + 1_000),
                            "FE-N01/noise=60.0dB(A)@" + (T10 + 2_000),
                            "FE-N02/noise=50.0dB(A)@" + (T10 + 1_000),
                            "FE-O01/h2s=0.02mg/m3@" + (T10 + 1_000),
                            "FE-N01/noise=55.0dB(A)@" + (T10 + 500));
            assertThat(conflicts(harness)).singleElement().satisfies(d -> {
                assertThat(d.reason).isEqualTo("CONFLICTING_DUPLICATE");
                assertThat(d.sensor).isEqualTo("FE-N01");
                assertThat(d.detail).contains("taken as 60.0 dB(A)").contains("this copy says 61.5 dB(A)");
                assertThat(d.raw).contains("\"value\":61.5");
            });
        }
    }

    @Test
    void identitiesSurviveARestoreFromASnapshot() throws Exception {
        OperatorSubtaskState snapshot;
        try (var before = identity(null)) {
            feed(
                    before,
                    reading("FE-N01", Quantity.NOISE, 50.0, T10 + 1_000),
                    reading("W-QILING", Quantity.TP, 0.18, T10));
            before.processWatermark(new Watermark(T10 + 1_000));
            snapshot = before.snapshot(1, 1);
        }
        try (var after = identity(snapshot)) {
            feed(
                    after,
                    reading("FE-N01", Quantity.NOISE, 50.0, T10 + 1_000),
                    reading("W-QILING", Quantity.TP, 0.18, T10),
                    reading("FE-N01", Quantity.NOISE, 51.0, T10 + 3_000));
            assertThat(taken(after)).containsExactly("FE-N01/noise=51.0dB(A)@" + (T10 + 3_000));
        }
    }

    /** The identities' state as the POJO serializer wrote it, before {@link MinuteSerializer}. */
    private static final class PojoLayout extends ReadingIdentity {
        PojoLayout() {
            super(REGISTRY);
        }

        @Override
        MapStateDescriptor<Long, Minute> identitiesState() {
            return new MapStateDescriptor<>(STATE, Types.LONG, TypeInformation.of(Minute.class));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void identitiesWrittenByThePojoSerializerAreReadAndKept(String backend) throws Exception {
        OperatorSubtaskState snapshot;
        try (var before = new KeyedOneInputStreamOperatorTestHarness<>(
                new ReadingIdentity.Operator(new PojoLayout()), SiteReadings.SITE, Types.STRING)) {
            before.setStateBackend(backend(backend));
            before.open();
            feed(
                    before,
                    reading("FE-N01", Quantity.NOISE, 50.0, T10 + 1_000),
                    reading("FE-N01", Quantity.NOISE, 52.0, T10 + 2_000),
                    reading("FE-N01", Quantity.NOISE, 53.0, T10 + 3_000),
                    reading("FE-N01", Quantity.NOISE, 54.0, T10 + 4_000),
                    reading("FE-N01", Quantity.NOISE, 55.0, T10 + 5_000),
                    reading("W-QILING", Quantity.TP, 0.18, T10));
            snapshot = before.snapshot(1, 1);
        }
        OperatorSubtaskState migrated;
        try (var after = new KeyedOneInputStreamOperatorTestHarness<>(
                new ReadingIdentity.Operator(new ReadingIdentity(REGISTRY)), SiteReadings.SITE, Types.STRING)) {
            after.setStateBackend(backend(backend));
            after.initializeState(snapshot);
            after.open();
            feed(
                    after,
                    reading("FE-N01", Quantity.NOISE, 53.0, T10 + 3_000),
                    reading("W-QILING", Quantity.TP, 0.18, T10),
                    reading("FE-N01", Quantity.NOISE, 51.0, T10 + 1_500),
                    reading("FE-N01", Quantity.NOISE, 59.0, T10 + 5_000));
            assertThat(taken(after)).containsExactly("FE-N01/noise=51.0dB(A)@" + (T10 + 1_500));
            assertThat(conflicts(after))
                    .singleElement()
                    .satisfies(d -> assertThat(d.detail).contains("taken as 55.0 dB(A)"));
            migrated = after.snapshot(2, 2);
        }
        // Written in the new layout now, and read back by it.
        try (var again = identity(migrated, backend(backend))) {
            feed(
                    again,
                    reading("FE-N01", Quantity.NOISE, 51.0, T10 + 1_500),
                    reading("FE-N01", Quantity.NOISE, 50.0, T10 + 1_000),
                    reading("FE-N01", Quantity.NOISE, 56.0, T10 + 6_000));
            assertThat(taken(again)).containsExactly("FE-N01/noise=56.0dB(A)@" + (T10 + 6_000));
        }
    }

    private static StateBackend backend(String name) {
        return name.equals("rocksdb") ? new EmbeddedRocksDBStateBackend() : new HashMapStateBackend();
    }

    /**
     * The 20-min and 1-h LAeq are cut from the closed minutes' energy ({@code SiteNoise}), so a copy
     * that comes after its minute closed is counted by no interval: the identity is kept for the
     * senders' resend window ({@link IdentityHorizon#AT_LEAST}), not for the hour.
     */
    @Test
    void aNoiseIdentityLastsItsMinuteAndTheResendWindowNotTheHour() throws Exception {
        long forgotten = T10 + 60_000 - 1 + IdentityHorizon.AT_LEAST;
        try (var harness = identity(null)) {
            feed(harness, reading("FE-N01", Quantity.NOISE, 50.0, T10 + 1_000));
            harness.processWatermark(new Watermark(T10 + 1_000 + IdentityHorizon.AT_LEAST - 1));
            feed(harness, reading("FE-N01", Quantity.NOISE, 50.0, T10 + 1_000));
            assertThat(taken(harness)).hasSize(1);
            assertThat(harness.numKeyedStateEntries()).isPositive();
            // Five minutes past its minute, well inside its hour: no rule counts its readings now.
            harness.processWatermark(new Watermark(forgotten));
            assertThat(harness.numKeyedStateEntries()).isZero();
            feed(harness, reading("FE-N01", Quantity.NOISE, 50.0, T10 + 1_000));
            assertThat(taken(harness)).hasSize(2); // a late reading now, as any other
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void odourIdentitiesLastTheirIntervalAndPhosphorusOnesTheLocalMonth() throws Exception {
        long odourEnd = T10 + 10 * 60_000 - 1;
        // 2026-11-30 23:00 in Dongguan: the month ends an hour later, local time.
        long lateNovember = Instant.parse("2026-11-30T15:00:00Z").toEpochMilli();
        long decemberLocal = Instant.parse("2026-11-30T16:00:00Z").toEpochMilli();
        try (var harness = identity(null)) {
            feed(
                    harness,
                    reading("FE-O01", Quantity.H2S, 0.02, T10 + 1_000),
                    reading("W-QILING", Quantity.TP, 0.18, T10));
            harness.processWatermark(new Watermark(odourEnd - 1));
            feed(harness, reading("FE-O01", Quantity.H2S, 0.02, T10 + 1_000));
            harness.processWatermark(new Watermark(odourEnd));
            feed(harness, reading("FE-O01", Quantity.H2S, 0.02, T10 + 1_000)); // beyond the 10-min interval
            harness.processWatermark(new Watermark(lateNovember));
            feed(harness, reading("W-QILING", Quantity.TP, 0.18, T10)); // the month to date could still count it
            assertThat(taken(harness))
                    .containsExactly(
                            "FE-O01/h2s=0.02mg/m3@" + (T10 + 1_000),
                            "W-QILING/tp=0.18mg/L@" + T10,
                            "FE-O01/h2s=0.02mg/m3@" + (T10 + 1_000));
            harness.processWatermark(new Watermark(decemberLocal));
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void idlenessOfTheReadersStopsHereAndWatermarksPass() throws Exception {
        try (var harness = identity(null)) {
            harness.processWatermark(new Watermark(900));
            harness.processWatermarkStatus(WatermarkStatus.IDLE);
            harness.processWatermark(new Watermark(4_900));
            assertThat(harness.getOutput()).containsExactly(new Watermark(900), new Watermark(4_900));
        }
    }
}
