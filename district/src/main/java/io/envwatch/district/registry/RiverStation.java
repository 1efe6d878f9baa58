package io.envwatch.district.registry;

import java.io.Serializable;

/**
 * A water monitoring station. {@code lake} selects GB 3838's lake and reservoir column.
 * {@code travelMinutesToNext} is the flow time to the next station downstream.
 */
public record RiverStation(
        String id,
        String name,
        double lat,
        double lon,
        Boolean lake,
        WaterClass targetClass,
        Integer travelMinutesToNext)
        implements Serializable {

    public boolean isLake() {
        return Boolean.TRUE.equals(lake);
    }
}
