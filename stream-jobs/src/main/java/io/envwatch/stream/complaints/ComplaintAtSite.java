package io.envwatch.stream.complaints;

import io.envwatch.district.complaints.Complaint;

/** A complaint paired with one sensor site in range of it, for that site's evidence. A Flink POJO. */
public class ComplaintAtSite {
    public Complaint complaint;
    public String site;
    public double metres;
    /** How many sites the complaint was paired with: its verdict waits for all of them. */
    public int candidates;

    public ComplaintAtSite() {}
}
