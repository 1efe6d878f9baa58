package io.envwatch.district.limits;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * How the rules judge, as opposed to what the standards say: interval lengths, persistence,
 * hysteresis. Defaults in limits/regulatory-defaults.yaml, overridable in the registry's
 * {@code rules:} section. Durations are ISO-8601 (PT1M, PT20M, PT1H).
 */
public record RuleSettings(
        String outOfOrderness,
        String readerIdle,
        Noise noise,
        Concentration odour,
        Phosphorus phosphorus,
        River river,
        Complaints complaints,
        Silence silence,
        Proximity proximity,
        Incidents incidents)
        implements Serializable {

    /**
     * How complaints meet sensor evidence, and when complaints about one place become a repeat case.
     *
     * @param horizon how long ago a complaint may have been observed: the intake refuses older ones,
     *     and each site keeps the evidence and the incidents such a complaint may need this long
     * @param evidenceSlot the resolution of a site's kept evidence: the window is rounded out to
     *     whole slots, counted from midnight (a day must be a whole number of them)
     */
    public record Complaints(
            double radiusMetres,
            String before,
            String after,
            String horizon,
            String evidenceSlot,
            int repeatCount,
            String repeatWithin,
            double repeatBuildingMetres)
            implements Serializable {
        public long beforeMillis() {
            return Duration.parse(before).toMillis();
        }

        public long afterMillis() {
            return Duration.parse(after).toMillis();
        }

        public long horizonMillis() {
            return Duration.parse(horizon).toMillis();
        }

        public long evidenceSlotMillis() {
            return Duration.parse(evidenceSlot).toMillis();
        }

        /** How long a site keeps what a complaint may need: the horizon and the window around the complaint. */
        public long keepEvidenceMillis() {
            return horizonMillis() + beforeMillis() + afterMillis();
        }

        public long repeatWithinMillis() {
            return Duration.parse(repeatWithin).toMillis();
        }

        /**
         * How far before an alert the duty service looks for an open repeat case about it: two
         * repeat periods and two days. A case kept open by complaints for longer than that (one at
         * least every period, for two periods) is not linked to new alerts.
         */
        public Duration repeatCaseReach() {
            return Duration.parse(repeatWithin).multipliedBy(2).plusDays(2);
        }
    }

    /**
     * The assessment section's monthly judgement, its projection and the upstream attribution.
     *
     * @param sampleStamp which end of its sampling slot a station stamps a sample with:
     *     {@code slot-start} (the 00:00 sample covers 00:00-04:00) or {@code slot-end}
     */
    public record River(
            double samplesPerDay,
            String sampleStamp,
            double minValidFraction,
            double budgetAlertRatio,
            double budgetHysteresis,
            double spikeRatio,
            double attributionRise,
            String baseline,
            double suspectRadiusMetres)
            implements Serializable {
        public static final String SLOT_START = "slot-start";
        public static final String SLOT_END = "slot-end";

        public Duration baselineDuration() {
            return Duration.parse(baseline);
        }

        public boolean stampedAtSlotEnd() {
            return SLOT_END.equals(sampleStamp);
        }
    }

    public record Incidents(double largeNoiseMargin, double largeConcentrationRatio, String dropIdleAfter)
            implements Serializable {
        public Duration dropIdleAfterDuration() {
            return Duration.parse(dropIdleAfter);
        }
    }

    /** How long a rule's exceedances must last to open an incident, and its recovery to end one. */
    public interface Persistence {
        int openAfter();

        long persistForMillis();

        Duration clearAfterDuration();
    }

    /**
     * An incident opens after {@code openAfter} exceeded verdicts in a row that also span at least
     * {@code persistFor} (optional): a count of intervals, a duration, or both.
     */
    public record Noise(List<String> intervals, int openAfter, String persistFor, double hysteresis, String clearAfter)
            implements Serializable, Persistence {
        public long persistForMillis() {
            return persistFor == null ? 0 : Duration.parse(persistFor).toMillis();
        }

        public List<Duration> intervalDurations() {
            return intervals.stream().map(Duration::parse).toList();
        }

        /** The interval that takes readings: the longer ones are cut from it. */
        public Duration shortestInterval() {
            return intervalDurations().stream().min(Duration::compareTo).orElseThrow();
        }

        public Duration clearAfterDuration() {
            return Duration.parse(clearAfter);
        }
    }

    public record Concentration(
            String interval, int openAfter, String persistFor, double hysteresisFraction, String clearAfter)
            implements Serializable, Persistence {
        public long persistForMillis() {
            return persistFor == null ? 0 : Duration.parse(persistFor).toMillis();
        }

        public Duration intervalDuration() {
            return Duration.parse(interval);
        }

        public Duration clearAfterDuration() {
            return Duration.parse(clearAfter);
        }
    }

    public record Phosphorus(
            String window, String slide, int openAfter, String persistFor, double hysteresisFraction, String clearAfter)
            implements Serializable, Persistence {
        public long persistForMillis() {
            return persistFor == null ? 0 : Duration.parse(persistFor).toMillis();
        }

        public Duration windowDuration() {
            return Duration.parse(window);
        }

        public Duration slideDuration() {
            return Duration.parse(slide);
        }

        public Duration clearAfterDuration() {
            return Duration.parse(clearAfter);
        }
    }

    public record Silence(String after) implements Serializable {
        public Duration afterDuration() {
            return Duration.parse(after);
        }
    }

    public record Proximity(double radiusMetres) implements Serializable {}

    public Duration outOfOrdernessDuration() {
        return Duration.parse(outOfOrderness);
    }

    public Duration readerIdleDuration() {
        return Duration.parse(readerIdle);
    }
}
