package io.envwatch.stream.river;

/** A station's daily mean TP (local day), classified. A Flink POJO. */
public class StationDay {
    public String site;
    public String station;
    /** Local start of the day, epoch ms. */
    public long day;

    public long samples;
    public double mean;
    public String waterClass;
    public double limit;

    public StationDay() {}
}
