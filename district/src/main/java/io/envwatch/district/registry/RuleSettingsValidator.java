package io.envwatch.district.registry;

import io.envwatch.district.limits.RuleSettings;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Checks the merged rule settings: durations that parse and are positive, counts of at least one. */
final class RuleSettingsValidator {
    private RuleSettingsValidator() {}

    static List<String> validate(RuleSettings rules, RegistryLoader.Locator locator) {
        List<String> problems = new ArrayList<>();
        Checker check = new Checker(problems, locator);
        check.duration("/rules/outOfOrderness", rules.outOfOrderness(), true);
        check.duration("/rules/readerIdle", rules.readerIdle(), false);
        if (rules.noise().intervals() == null || rules.noise().intervals().isEmpty()) {
            problems.add(locator.at("/rules/noise/intervals") + ": give at least one LAeq interval");
        } else {
            boolean parsed = true;
            for (int i = 0; i < rules.noise().intervals().size(); i++) {
                parsed &= check.duration(
                        "/rules/noise/intervals/" + i, rules.noise().intervals().get(i), false);
            }
            if (parsed) {
                wholeNumbersOfTheShortest(rules.noise(), problems, locator);
            }
        }
        check.count("/rules/noise/openAfter", rules.noise().openAfter());
        check.optionalDuration("/rules/noise/persistFor", rules.noise().persistFor());
        check.optionalDuration("/rules/odour/persistFor", rules.odour().persistFor());
        check.optionalDuration(
                "/rules/phosphorus/persistFor", rules.phosphorus().persistFor());
        check.nonNegative("/rules/noise/hysteresis", rules.noise().hysteresis());
        check.duration("/rules/noise/clearAfter", rules.noise().clearAfter(), false);
        check.duration("/rules/odour/interval", rules.odour().interval(), false);
        check.count("/rules/odour/openAfter", rules.odour().openAfter());
        check.fraction("/rules/odour/hysteresisFraction", rules.odour().hysteresisFraction());
        check.duration("/rules/odour/clearAfter", rules.odour().clearAfter(), false);
        check.duration("/rules/phosphorus/window", rules.phosphorus().window(), false);
        check.duration("/rules/phosphorus/slide", rules.phosphorus().slide(), false);
        check.count("/rules/phosphorus/openAfter", rules.phosphorus().openAfter());
        check.fraction(
                "/rules/phosphorus/hysteresisFraction", rules.phosphorus().hysteresisFraction());
        check.duration("/rules/phosphorus/clearAfter", rules.phosphorus().clearAfter(), false);
        RuleSettings.River river = rules.river();
        check.positive("/rules/river/samplesPerDay", river.samplesPerDay());
        if (!RuleSettings.River.SLOT_START.equals(river.sampleStamp())
                && !RuleSettings.River.SLOT_END.equals(river.sampleStamp())) {
            problems.add(locator.at("/rules/river/sampleStamp") + ": must be " + RuleSettings.River.SLOT_START + " or "
                    + RuleSettings.River.SLOT_END + ", not " + river.sampleStamp());
        }
        check.fraction("/rules/river/minValidFraction", river.minValidFraction());
        check.positive("/rules/river/budgetAlertRatio", river.budgetAlertRatio());
        check.fraction("/rules/river/budgetHysteresis", river.budgetHysteresis());
        check.positive("/rules/river/spikeRatio", river.spikeRatio());
        check.positive("/rules/river/attributionRise", river.attributionRise());
        check.duration("/rules/river/baseline", river.baseline(), false);
        check.positive("/rules/river/suspectRadiusMetres", river.suspectRadiusMetres());
        check.positive("/rules/complaints/radiusMetres", rules.complaints().radiusMetres());
        check.duration("/rules/complaints/before", rules.complaints().before(), true);
        check.duration("/rules/complaints/after", rules.complaints().after(), true);
        check.duration("/rules/complaints/horizon", rules.complaints().horizon(), false);
        if (check.duration("/rules/complaints/evidenceSlot", rules.complaints().evidenceSlot(), false)
                && 86_400_000L % rules.complaints().evidenceSlotMillis() != 0) {
            problems.add(locator.at("/rules/complaints/evidenceSlot") + ": a day must be a whole number of slots, not "
                    + rules.complaints().evidenceSlot());
        }
        check.count("/rules/complaints/repeatCount", rules.complaints().repeatCount());
        check.duration("/rules/complaints/repeatWithin", rules.complaints().repeatWithin(), false);
        check.positive(
                "/rules/complaints/repeatBuildingMetres", rules.complaints().repeatBuildingMetres());
        check.duration("/rules/silence/after", rules.silence().after(), false);
        check.nonNegative("/rules/incidents/largeNoiseMargin", rules.incidents().largeNoiseMargin());
        if (!(rules.incidents().largeConcentrationRatio() >= 1)) {
            problems.add(locator.at("/rules/incidents/largeConcentrationRatio") + ": must be at least 1");
        }
        check.duration("/rules/incidents/dropIdleAfter", rules.incidents().dropIdleAfter(), false);
        if (!(rules.proximity().radiusMetres() > 0)) {
            problems.add(locator.at("/rules/proximity/radiusMetres") + ": the radius must be positive");
        }
        return problems;
    }

    /**
     * The noise rules cut the longer LAeq intervals from the shortest one's energy, so that a
     * reading's identity need only be kept until the shortest closes: each must hold a whole number
     * of them. Aligned to local time alike, they then nest.
     */
    private static void wholeNumbersOfTheShortest(
            RuleSettings.Noise noise, List<String> problems, RegistryLoader.Locator locator) {
        Duration shortest = noise.shortestInterval();
        List<Duration> lengths = noise.intervalDurations();
        for (int i = 0; i < lengths.size(); i++) {
            if (lengths.get(i).toMillis() % shortest.toMillis() != 0) {
                problems.add(locator.at("/rules/noise/intervals/" + i) + ": "
                        + noise.intervals().get(i) + " is not a whole number of the shortest interval, " + shortest);
            }
        }
    }

    private record Checker(List<String> problems, RegistryLoader.Locator locator) {
        /** Whether the text is a valid duration; if not, the problem is listed. */
        boolean duration(String at, String text, boolean zeroAllowed) {
            try {
                Duration d = Duration.parse(text);
                if (d.isNegative() || (!zeroAllowed && d.isZero())) {
                    problems.add(
                            locator.at(at) + ": " + text + " must be " + (zeroAllowed ? "zero or more" : "positive"));
                    return false;
                }
                return true;
            } catch (DateTimeParseException | NullPointerException e) {
                problems.add(locator.at(at) + ": " + text + " is not an ISO-8601 duration such as PT1M or PT2H");
                return false;
            }
        }

        void optionalDuration(String at, String text) {
            if (text != null) {
                duration(at, text, true);
            }
        }

        void count(String at, int n) {
            if (n < 1) {
                problems.add(locator.at(at) + ": must be at least 1");
            }
        }

        void positive(String at, double x) {
            if (!(x > 0) || Double.isInfinite(x)) {
                problems.add(locator.at(at) + ": must be a positive number");
            }
        }

        void nonNegative(String at, double x) {
            if (!(x >= 0)) {
                problems.add(locator.at(at) + ": must be zero or more");
            }
        }

        void fraction(String at, double x) {
            if (!(x >= 0 && x < 1)) {
                problems.add(locator.at(at) + ": must be a fraction from 0 to below 1");
            }
        }
    }
}
