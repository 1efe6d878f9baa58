package io.envwatch.alerting.alerts;

import java.time.Duration;
import java.util.Set;

/**
 * A town's duty room: its own officers and duty leader take its towns' alerts first; an alert it
 * has not acknowledged within {@code acknowledgeWithin}, or had nobody on scene for within
 * {@code onSceneWithin} of the acknowledgement, is handed over to the city duty room.
 */
public record TownRoom(String id, Set<String> towns, Duration acknowledgeWithin, Duration onSceneWithin) {
    /** How the city duty room is named where a room is named (settings, the API). */
    public static final String CITY = "city";
}
