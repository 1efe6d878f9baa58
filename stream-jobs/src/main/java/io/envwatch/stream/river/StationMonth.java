package io.envwatch.stream.river;

/**
 * A station's month so far, updated with every sample: the month-to-date arithmetic mean (how the
 * assessment is made), its class, the margin to the target, the samples missing, and the remaining
 * budget: the highest mean the rest of the month may average and still pass. A Flink POJO.
 */
public class StationMonth {
    public String site;
    public String station;
    /** Local month, yyyy-MM. */
    public String month;

    public long timestamp;
    public long samples;
    public double mean;
    public String waterClass;
    public String targetClass;
    public double limit;
    /** limit - mean: positive while the month passes. */
    public double margin;

    public double expectedSoFar;
    public double missing;
    public double expectedRemaining;
    /** NaN once no samples remain to be taken. */
    public double budget;
    /** ok, low (under the alert level), impossible (needs a mean at or below zero), or final. */
    public String budgetState;
    /** Fewer valid samples than the configured share of those expected. */
    public boolean insufficient;
    /** True for the status at the month's end. */
    public boolean closed;

    public StationMonth() {}

    @Override
    public String toString() {
        return station + " " + month + " n=" + samples + " mean=" + mean + " budget=" + budget + " " + budgetState;
    }
}
