package io.envwatch.stream.alerts;

/**
 * A duty alert as the job emits it: one per incident, identified deterministically by its site,
 * kind and opening time, re-emitted (not duplicated) when it changes. A Flink POJO.
 */
public class DutyAlert {
    public String id;
    public String kind;
    public String state;
    public String site;
    public String town;
    public String team;
    public String quantity;
    /** The latest value that kept the alert open, and the highest one seen. */
    public double value;
    public double peak;
    public double limit;
    /** "day" or "night" in local time when the alert opened. */
    public String period;
    public long openedAt;
    public long updatedAt;

    public DutyAlert() {}

    @Override
    public String toString() {
        return id + " " + state + " " + site + " " + quantity + " " + value + "/" + limit + " (peak " + peak + ")";
    }
}
