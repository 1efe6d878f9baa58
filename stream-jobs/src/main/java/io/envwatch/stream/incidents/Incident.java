package io.envwatch.stream.incidents;

import java.util.ArrayList;
import java.util.List;

/**
 * A persistent exceedance at one site under one rule, from the first exceeded interval until it
 * has stayed recovered long enough. Its id is deterministic (site, rule, start), so replays and
 * updates refer to the same incident. A Flink POJO.
 */
public class Incident {
    public static final String OPEN = "open";
    public static final String CLOSED = "closed";
    /** Closed because the site stopped reporting for a day; the no-data incident says why. */
    public static final String CLOSED_NO_DATA = "closed-no-data";
    /** Evidence kept per incident: the most recent intervals, bounded. */
    public static final int MAX_EVIDENCE = 30;

    public String id;
    public String state;
    public String site;
    public String town;
    public String team;
    public String rule;
    public String quantity;
    public String unit;
    public long start;
    /** End of the last interval considered; when closed, the end of the incident. */
    public long end;

    public double peak;
    public double latest;
    public double limit;
    public String period;
    public String severity;
    /** Residential buildings within range, nearest first, as "id@metres". */
    public List<String> buildings = new ArrayList<>();

    public double nearestBuildingMetres = -1;
    /** The exceeded intervals, most recent last, as "start:value". */
    public List<String> evidence = new ArrayList<>();
    /** Ids of the complaints the sensors corroborated for this incident. */
    public List<String> complaints = new ArrayList<>();

    public Incident() {}

    public Incident copy() {
        Incident c = new Incident();
        c.id = id;
        c.state = state;
        c.site = site;
        c.town = town;
        c.team = team;
        c.rule = rule;
        c.quantity = quantity;
        c.unit = unit;
        c.start = start;
        c.end = end;
        c.peak = peak;
        c.latest = latest;
        c.limit = limit;
        c.period = period;
        c.severity = severity;
        c.buildings = new ArrayList<>(buildings);
        c.nearestBuildingMetres = nearestBuildingMetres;
        c.evidence = new ArrayList<>(evidence);
        c.complaints = new ArrayList<>(complaints);
        return c;
    }

    @Override
    public String toString() {
        return id + " " + state + " peak " + peak + "/" + limit + " " + severity;
    }
}
