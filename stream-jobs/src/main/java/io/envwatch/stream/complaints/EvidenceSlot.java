package io.envwatch.stream.complaints;

import io.envwatch.district.complaints.ComplaintCategory;
import io.envwatch.district.rules.RuleId;
import io.envwatch.stream.incidents.Judgement;
import java.util.ArrayList;
import java.util.List;

/**
 * What one site's verdicts of one evidence slot say, per complaint category: how many there were
 * and the strongest one. Merging a verdict in does not depend on the order verdicts come in. A
 * Flink POJO.
 */
public class EvidenceSlot {
    public List<Summary> categories = new ArrayList<>();

    public EvidenceSlot() {}

    /** One category's verdicts in the slot. A Flink POJO. */
    public static class Summary {
        public String category;
        public int intervals;
        public String rule;
        public String quantity;
        public long start;
        public double value;
        public double limit;
        public boolean exceeded;

        public Summary() {}

        static Summary of(String category, Judgement j) {
            Summary s = new Summary();
            s.category = category;
            s.intervals = 1;
            s.take(j.rule, j.quantity, j.start, j.value, j.limit, j.exceeded);
            return s;
        }

        private void take(String rule, String quantity, long start, double value, double limit, boolean exceeded) {
            this.rule = rule;
            this.quantity = quantity;
            this.start = start;
            this.value = value;
            this.limit = limit;
            this.exceeded = exceeded;
        }

        double ratio() {
            return limit > 0 ? value / limit : 0;
        }

        /**
         * The stronger of two verdicts, by a total order so that the outcome is the same in any
         * arrival order: an exceedance over any verdict that is not, then the higher value relative
         * to its limit, then the earlier, then by rule name.
         */
        boolean strongerThan(Summary other) {
            if (exceeded != other.exceeded) {
                return exceeded;
            }
            int byRatio = Double.compare(ratio(), other.ratio());
            if (byRatio != 0) {
                return byRatio > 0;
            }
            if (start != other.start) {
                return start < other.start;
            }
            return rule.compareTo(other.rule) < 0;
        }

        /** Adds another slot's (or verdict's) summary of the same category into this one. */
        void add(Summary other) {
            intervals += other.intervals;
            if (other.strongerThan(this)) {
                take(other.rule, other.quantity, other.start, other.value, other.limit, other.exceeded);
            }
        }

        Summary copy() {
            Summary c = new Summary();
            c.category = category;
            c.intervals = intervals;
            c.take(rule, quantity, start, value, limit, exceeded);
            return c;
        }
    }

    /** The complaint category a verdict speaks for, or null if none (e.g. a river budget or daily verdict). */
    public static String categoryOf(String rule) {
        return RuleId.parse(rule)
                .flatMap(RuleId::complaintCategory)
                .map(ComplaintCategory::wireName)
                .orElse(null);
    }

    void add(String category, Judgement verdict) {
        Summary added = Summary.of(category, verdict);
        for (Summary s : categories) {
            if (s.category.equals(category)) {
                s.add(added);
                return;
            }
        }
        categories.add(added);
    }

    Summary of(String category) {
        for (Summary s : categories) {
            if (s.category.equals(category)) {
                return s;
            }
        }
        return null;
    }
}
