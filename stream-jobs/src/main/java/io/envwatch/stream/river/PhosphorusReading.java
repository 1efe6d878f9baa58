package io.envwatch.stream.river;

/** One TP reading with its water class. A Flink POJO. */
public class PhosphorusReading {
    public String site;
    public String station;
    public long timestamp;
    public double value;
    public String waterClass;

    public PhosphorusReading() {}
}
