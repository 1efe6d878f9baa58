package io.envwatch.stream.river;

import java.util.ArrayList;
import java.util.List;

/**
 * Why the assessment section's phosphorus rose: the upstream stations ranked by their lag-aligned
 * increase, and the phosphorus-discharging plants near the leading one. A Flink POJO.
 */
public class Attribution {
    public String section;
    public long timestamp;
    public double sectionValue;
    public double baseline;
    public double rise;
    /** Leading station first, as "station:increase:share:lagMinutes". */
    public List<String> ranking = new ArrayList<>();

    public String leading;
    /** Nearest first, as "facility (industry) @metres". */
    public List<String> suspects = new ArrayList<>();

    public Attribution() {}

    @Override
    public String toString() {
        return section + " +" + rise + " led by " + leading + " " + ranking + " suspects " + suspects;
    }
}
