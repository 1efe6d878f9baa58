package io.envwatch.stream.river;

/** A rolling mean of total phosphorus at a river station, classified (GB 3838-2002). A Flink POJO. */
public class PhosphorusMean {
    public String site;
    public String station;
    public String town;
    public long start;
    public long end;
    public double mean;
    public long count;
    /** I..V or worse-than-V, of the mean. */
    public String waterClass;

    public String targetClass;
    /** Upper bound of the target class (or the site's override). */
    public double limit;

    public PhosphorusMean() {}

    @Override
    public String toString() {
        return station + " @" + start + " TP " + mean + " class " + waterClass + " (target " + targetClass + ")";
    }
}
