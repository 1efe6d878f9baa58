package io.envwatch.district.complaints;

/**
 * A citizen's complaint as it travels through EnvWatch: what, when, where and how it came in.
 * It never carries the complainant's contact, which the intake does not keep at all. The location
 * is rounded to about 10 m, enough to find sensors and buildings nearby. A Flink POJO.
 */
public class Complaint {
    public String id;
    /** odour, noise, water or other. */
    public String category;
    /** When the nuisance was observed, epoch ms: the event time of the complaint. */
    public long observedAt;

    public long receivedAt;
    public double lat;
    public double lon;
    /** A registry building, when the complainant named one. */
    public String building;

    public String town;
    /** hotline, e-mail, letter, visit, web, reception (a leader's reception day), public. */
    public String channel;

    public String externalRef;
    /** Stored for the duty officers; never shown on public boards. */
    public String description;
    /** Arrived through a higher authority or an inspection rather than from a citizen directly. */
    public boolean escalated;

    public Complaint() {}

    @Override
    public String toString() {
        return id + " " + category + " @" + observedAt + " (" + lat + "," + lon + ")";
    }
}
