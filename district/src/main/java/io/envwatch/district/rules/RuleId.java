package io.envwatch.district.rules;

import io.envwatch.district.complaints.ComplaintCategory;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The name of a rule, as verdicts, incidents and duty alerts carry it ({@code noise-laeq-1m},
 * {@code odour-h2s}, {@code tp-budget}, ...). The job makes these names and the duty service reads
 * them, both through this type: a family, and for the families that have one, a variant (the LAeq
 * interval, the odour pollutant).
 */
public record RuleId(Family family, String variant) {

    public enum Family {
        NOISE_LAEQ("noise-laeq-", ComplaintCategory.NOISE),
        NOISE_NIGHT_MAX("noise-night-max", null),
        ODOUR("odour-", ComplaintCategory.ODOUR),
        TP_MEAN("tp-mean", ComplaintCategory.WATER),
        TP_SPIKE("tp-spike", ComplaintCategory.WATER),
        TP_DAILY("tp-daily", null),
        TP_BUDGET("tp-budget", null),
        NO_DATA("no-data", null);

        private final String name;
        private final ComplaintCategory category;

        Family(String name, ComplaintCategory category) {
            this.name = name;
            this.category = category;
        }

        /** Families whose name ends in '-' take a variant. */
        boolean takesVariant() {
            return name.endsWith("-");
        }
    }

    public static final RuleId NOISE_NIGHT_MAX = new RuleId(Family.NOISE_NIGHT_MAX, "");
    public static final RuleId TP_MEAN = new RuleId(Family.TP_MEAN, "");
    public static final RuleId TP_SPIKE = new RuleId(Family.TP_SPIKE, "");
    public static final RuleId TP_DAILY = new RuleId(Family.TP_DAILY, "");
    public static final RuleId TP_BUDGET = new RuleId(Family.TP_BUDGET, "");
    public static final RuleId NO_DATA = new RuleId(Family.NO_DATA, "");

    public RuleId {
        if (family.takesVariant() == (variant == null || variant.isEmpty())) {
            throw new IllegalArgumentException(
                    family + (family.takesVariant() ? " needs a variant" : " takes no variant"));
        }
    }

    /** The LAeq rule of an interval length: PT1M is {@code noise-laeq-1m}, PT10S {@code noise-laeq-10s}. */
    public static RuleId laeq(Duration interval) {
        return new RuleId(
                Family.NOISE_LAEQ, interval.toString().toLowerCase(Locale.ROOT).replace("pt", ""));
    }

    /** As {@link #laeq(Duration)}, for an interval as settings write it ("PT1M"). */
    public static RuleId laeq(String interval) {
        return laeq(Duration.parse(interval));
    }

    /** The boundary limit rule of one odour pollutant (its quantity's wire name). */
    public static RuleId odour(String quantity) {
        return new RuleId(Family.ODOUR, quantity);
    }

    /** The rule a name stands for, or empty for a name no rule has. */
    public static Optional<RuleId> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (Family f : Family.values()) {
            if (f.takesVariant() ? name.startsWith(f.name) && name.length() > f.name.length() : name.equals(f.name)) {
                return Optional.of(new RuleId(f, f.takesVariant() ? name.substring(f.name.length()) : ""));
            }
        }
        return Optional.empty();
    }

    public String wireName() {
        return family.name + variant;
    }

    /** The complaints a verdict of this rule speaks for; empty when none (a river budget, a silent sensor). */
    public Optional<ComplaintCategory> complaintCategory() {
        return Optional.ofNullable(family.category);
    }

    /** The LAeq interval of a {@link Family#NOISE_LAEQ} rule. */
    public Duration laeqInterval() {
        if (family != Family.NOISE_LAEQ) {
            throw new IllegalStateException(wireName() + " has no LAeq interval");
        }
        return Duration.parse("PT" + variant.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return wireName();
    }
}
