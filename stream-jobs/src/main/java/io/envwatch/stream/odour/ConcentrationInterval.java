package io.envwatch.stream.odour;

/** The mean of one odour quantity at one site over an interval, with its class-column limit. A Flink POJO. */
public class ConcentrationInterval {
    public String site;
    public String town;
    public String quantity;
    public String unit;
    public long start;
    public long end;
    public double mean;
    public double max;
    public long count;
    public double limit;

    public ConcentrationInterval() {}

    @Override
    public String toString() {
        return site + " " + quantity + " @" + start + " mean " + mean + " / " + limit;
    }
}
