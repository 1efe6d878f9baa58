package io.envwatch.stream.noise;

/** A completed LAeq interval of one site, judged against its limit. A Flink POJO. */
public class LaeqInterval {
    public String site;
    public String town;
    /** The interval length as configured, e.g. PT1M. */
    public String interval;

    public long start;
    public long end;
    public double laeq;
    public double lmax;
    public long count;
    public double limit;
    /** "night" when any part of the interval is in the local night (the stricter limit), else "day". */
    public String period;

    public LaeqInterval() {}

    public double margin() {
        return laeq - limit;
    }

    @Override
    public String toString() {
        return site + " " + interval + " @" + start + " LAeq " + laeq + " / " + limit + " " + period;
    }
}
