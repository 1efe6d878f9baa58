package io.envwatch.stream.complaints;

import java.util.ArrayList;
import java.util.List;

/**
 * Complaints of one kind about one place, often enough to be a repeat case: how the bureau is
 * judged. Open from the complaint that made the count, closed once a whole period passes without
 * another. A Flink POJO.
 */
public class RepeatCase {
    public static final String OPEN = "open";
    public static final String CLOSED = "closed";
    /** Told before, and then found part of another case by a complaint filed late: see {@link #mergedInto}. */
    public static final String MERGED = "merged";

    /** {place}:{category}:{first complaint's time}. */
    public String id;

    public String state;
    /** A building id, or a grid cell ("cell:lat:lon", about 200 m) where no building is near. */
    public String place;

    public String category;
    public String town;
    public long first;
    public long last;
    public int count;
    public int corroborated;
    public List<String> complaints = new ArrayList<>();
    /** Incidents ("site|rule") the complaints were corroborated by. */
    public List<String> incidents = new ArrayList<>();
    /** The case a merged case's complaints now belong to; "" otherwise. */
    public String mergedInto = "";

    public RepeatCase() {}

    @Override
    public String toString() {
        return id + " " + state + " x" + count;
    }
}
