package io.envwatch.stream.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.stream.residential.NearbyBuildings;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IncidentTrackerTest {
    private static final Registry REGISTRY = RegistryLoader.sample();
    private static final long T0 = 1_763_740_800_000L;
    private static final long MINUTE = 60_000;
    private static final long CLEAR_AFTER = 10 * MINUTE;
    private static final long IDLE =
            REGISTRY.rules().incidents().dropIdleAfterDuration().toMillis();
    private static final long HOUR = 60 * MINUTE;
    /** How long ended incidents and runs are kept for complaints: the horizon plus the window. */
    private static final long KEPT = REGISTRY.rules().complaints().keepEvidenceMillis();

    private KeyedTwoInputStreamOperatorTestHarness<String, Judgement, ComplaintLink, Incident> harness;
    private long persistFor;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new IncidentTracker(REGISTRY, NearbyBuildings.of(REGISTRY))),
                Judgement::key,
                ComplaintLink::key,
                Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    /** One 1-minute LAeq verdict for FE-N01 at night (limit 55, recovered at or below 52). */
    private void minute(int m, double laeq) throws Exception {
        Judgement j = Judgement.builder("FE-N01", "noise-laeq-1m")
                .quantity("noise", "dB(A)")
                .interval(T0 + m * MINUTE, T0 + (m + 1) * MINUTE)
                .value(laeq)
                .limit(55, 52)
                .period("night")
                .persistence(3, persistFor, CLEAR_AFTER)
                .build();
        harness.processElement1(j, j.end);
    }

    private List<Incident> incidents() {
        return harness.extractOutputValues();
    }

    @Test
    void opensOnlyAfterThreeExceededIntervalsInARow() throws Exception {
        minute(0, 60);
        minute(1, 61);
        minute(2, 50); // the run is broken
        minute(3, 60);
        minute(4, 58);
        assertThat(incidents()).isEmpty();
        minute(5, 59);
        assertThat(incidents()).singleElement().satisfies(i -> {
            assertThat(i.id).isEqualTo("FE-N01:noise-laeq-1m:" + (T0 + 3 * MINUTE));
            assertThat(i.state).isEqualTo(Incident.OPEN);
            assertThat(i.start).isEqualTo(T0 + 3 * MINUTE);
            assertThat(i.peak).isEqualTo(60);
            assertThat(i.evidence).hasSize(3);
            assertThat(i.team).isEqualTo("team-fenggang");
        });
    }

    @Test
    void orOnlyOnceTheRunHasLastedTheConfiguredDuration() throws Exception {
        persistFor = 5 * MINUTE;
        for (int m = 0; m < 4; m++) {
            minute(m, 60);
        }
        assertThat(incidents()).isEmpty(); // four intervals, four minutes
        minute(4, 60);
        assertThat(incidents())
                .singleElement()
                .satisfies(i -> assertThat(i.start).isEqualTo(T0));
    }

    @Test
    void aFlappingSignalIsExactlyOneIncident() throws Exception {
        minute(0, 60);
        minute(1, 60);
        minute(2, 60);
        // Around the limit for an hour: never recovered for ten minutes straight.
        for (int m = 3; m < 63; m++) {
            minute(m, m % 3 == 0 ? 56 : m % 3 == 1 ? 51 : 54);
        }
        assertThat(incidents()).extracting(i -> i.state).containsExactly(Incident.OPEN);
        // Then quiet: below 52 for ten minutes ends it.
        for (int m = 63; m < 73; m++) {
            minute(m, 48);
        }
        assertThat(incidents()).extracting(i -> i.state).containsExactly(Incident.OPEN, Incident.CLOSED);
        Incident closed = incidents().get(1);
        assertThat(closed.id).isEqualTo(incidents().get(0).id);
        assertThat(closed.end).isEqualTo(T0 + 73 * MINUTE);
        // kept for complaints filed within the horizon, then gone
        harness.processBothWatermarks(new Watermark(T0 + 73 * MINUTE + KEPT - HOUR));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        harness.processBothWatermarks(new Watermark(T0 + 73 * MINUTE + KEPT + HOUR));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aLateComplaintUpdatesTheIncidentEvenAfterItEnded() throws Exception {
        for (int m = 0; m < 3; m++) {
            minute(m, 58); // by night at 55: 3 dB over, buildings near: HIGH
        }
        for (int m = 3; m < 13; m++) {
            minute(m, 45);
        }
        assertThat(incidents()).extracting(i -> i.state).containsExactly(Incident.OPEN, Incident.CLOSED);
        assertThat(incidents().get(1).severity).isEqualTo(Severity.HIGH.name());
        complaint("C-1", T0 + MINUTE);
        complaint("C-1", T0 + MINUTE); // the same complaint twice changes nothing
        assertThat(incidents()).hasSize(3);
        Incident updated = incidents().get(2);
        assertThat(updated.state).isEqualTo(Incident.CLOSED);
        assertThat(updated.complaints).containsExactly("C-1");
        assertThat(updated.severity).isEqualTo(Severity.CRITICAL.name());
    }

    @Test
    void aComplaintOpensARunThatIsNotYetLongEnough() throws Exception {
        minute(0, 57);
        assertThat(incidents()).isEmpty();
        complaint("C-2", T0 + MINUTE / 2);
        assertThat(incidents()).singleElement().satisfies(i -> {
            assertThat(i.state).isEqualTo(Incident.OPEN);
            assertThat(i.complaints).containsExactly("C-2");
            assertThat(i.id).isEqualTo("FE-N01:noise-laeq-1m:" + T0);
        });
    }

    @Test
    void aComplaintFiledWeeksLaterStillJoinsTheIncidentItRestsOn() throws Exception {
        for (int m = 0; m < 3; m++) {
            minute(m, 58);
        }
        for (int m = 3; m < 13; m++) {
            minute(m, 45);
        }
        for (int m = 100; m < 103; m++) {
            minute(m, 60); // a second incident of the same site and rule
        }
        harness.processBothWatermarks(new Watermark(T0 + 20 * 24 * HOUR));
        complaint("C-weeks", T0 + 2 * MINUTE);
        assertThat(incidents().get(incidents().size() - 1)).satisfies(i -> {
            assertThat(i.id).isEqualTo("FE-N01:noise-laeq-1m:" + T0);
            assertThat(i.state).isEqualTo(Incident.CLOSED);
            assertThat(i.complaints).containsExactly("C-weeks");
        });
    }

    @Test
    void aComplaintStillInFlightWhenTheInputEndsJoinsTheIncidentItRestsOn() throws Exception {
        for (int m = 0; m < 3; m++) {
            minute(m, 58);
        }
        for (int m = 3; m < 13; m++) {
            minute(m, 45);
        }
        // A drained job or a replay: the end of input can pass a complaint's link, which comes a
        // longer way (through its outcome); the end of input is not the horizon passing.
        harness.processBothWatermarks(Watermark.MAX_WATERMARK);
        complaint("C-last", T0 + 2 * MINUTE);
        assertThat(incidents().get(incidents().size() - 1)).satisfies(i -> {
            assertThat(i.id).isEqualTo("FE-N01:noise-laeq-1m:" + T0);
            assertThat(i.complaints).containsExactly("C-last");
        });
    }

    @Test
    void aShortRunAComplaintRestsOnIsTheSameIncidentWhenTheComplaintComesDuringItOrAfter() throws Exception {
        minute(0, 57);
        minute(1, 58);
        complaint("C-during", T0 + MINUTE);
        minute(2, 53); // under the limit: the run ends, and so does the incident made of it
        Incident during = incidents().get(incidents().size() - 1);
        assertThat(during.state).isEqualTo(Incident.CLOSED);

        harness.close();
        setUp();
        minute(0, 57);
        minute(1, 58);
        minute(2, 53);
        harness.processBothWatermarks(new Watermark(T0 + 12 * HOUR));
        assertThat(incidents()).isEmpty();
        complaint("C-during", T0 + MINUTE);
        assertThat(incidents()).singleElement().usingRecursiveComparison().isEqualTo(during);
        assertThat(during.end).isEqualTo(T0 + 3 * MINUTE);
        assertThat(during.peak).isEqualTo(58);
        assertThat(during.latest).isEqualTo(53);
    }

    @Test
    void aComplaintWithNothingToJoinLeavesNoState() throws Exception {
        complaint("C-3", T0);
        assertThat(incidents()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    /** A complaint corroborated by the interval starting at {@code intervalStart}, its window closing then too. */
    private void complaint(String id, long intervalStart) throws Exception {
        harness.processElement2(
                new ComplaintLink(id, "FE-N01", "noise-laeq-1m", intervalStart, intervalStart), intervalStart);
        harness.processBothWatermarks(new Watermark(intervalStart));
    }

    @Test
    void levelsBetweenTheLimitAndTheRecoveryLevelDoNotEndIt() throws Exception {
        for (int m = 0; m < 3; m++) {
            minute(m, 60);
        }
        for (int m = 3; m < 30; m++) {
            minute(m, 53); // under the limit, above the hysteresis level
        }
        assertThat(incidents()).extracting(i -> i.state).containsExactly(Incident.OPEN);
    }

    @Test
    void updatesOnlyWhenThePeakRises() throws Exception {
        minute(0, 60);
        minute(1, 60);
        minute(2, 60);
        minute(3, 59);
        minute(4, 64);
        minute(5, 62);
        assertThat(incidents()).extracting(i -> i.peak).containsExactly(60.0, 64.0);
    }

    @Test
    void carriesTheNearbyBuildingsAndRaisesSeverityForThem() throws Exception {
        minute(0, 61);
        minute(1, 61);
        minute(2, 61);
        Incident i = incidents().get(0);
        assertThat(i.buildings).isNotEmpty();
        assertThat(i.buildings.get(0)).startsWith("B-FE-01@");
        assertThat(i.nearestBuildingMetres).isBetween(0.0, 100.0);
        // near homes and at night, margin 6 dB: every aggravating fact
        assertThat(i.severity).isEqualTo(Severity.CRITICAL.name());
    }

    @Test
    void compliantVerdictsKeepNoStateAndAnIdleRunIsDropped() throws Exception {
        minute(0, 40);
        assertThat(harness.numKeyedStateEntries()).isZero();
        minute(1, 60); // a run starts, then the site falls silent
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        harness.processBothWatermarks(new Watermark(T0 + 2 * MINUTE + IDLE));
        assertThat(incidents()).isEmpty();
        // the run is kept, as the incident a complaint filed later would make of it, for the horizon
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        harness.processBothWatermarks(new Watermark(T0 + 2 * MINUTE + KEPT + HOUR));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void anOpenIncidentOfASiteSilentForADayIsClosedAsNoData() throws Exception {
        minute(0, 61);
        minute(1, 61);
        minute(2, 61);
        harness.processBothWatermarks(new Watermark(T0 + 3 * MINUTE + IDLE));
        assertThat(incidents()).extracting(i -> i.state).containsExactly(Incident.OPEN, Incident.CLOSED_NO_DATA);
    }
}
