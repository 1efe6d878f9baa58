package io.envwatch.stream.residential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.envwatch.district.registry.Building;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class NearbyBuildingsTest {
    /** One metre of latitude in degrees. */
    private static final double M = 1 / 111_195.0;

    @Test
    void distanceToAPointBuilding() {
        Building b = new Building("B", "b", "t", 22.9 + 100 * M, 114.0, null);
        assertThat(NearbyBuildings.distanceMetres(22.9, 114.0, b)).isCloseTo(100, within(0.5));
    }

    @Test
    void distanceToAFootprintIsToItsNearestEdgeAndZeroInside() {
        List<List<Double>> square = List.of(
                List.of(22.9 + 50 * M, 114.0 - 0.0002), List.of(22.9 + 50 * M, 114.0 + 0.0002),
                List.of(22.9 + 90 * M, 114.0 + 0.0002), List.of(22.9 + 90 * M, 114.0 - 0.0002));
        Building b = new Building("B", "b", "t", 22.9 + 70 * M, 114.0, square);
        assertThat(NearbyBuildings.distanceMetres(22.9, 114.0, b)).isCloseTo(50, within(0.5));
        assertThat(NearbyBuildings.distanceMetres(22.9 + 60 * M, 114.0, b)).isZero();
    }

    @Test
    void theSampleDistrictHasHomesByItsFactories() {
        Registry registry = RegistryLoader.sample();
        NearbyBuildings nearby = NearbyBuildings.of(registry);
        assertThat(nearby.of("FE-N01")).isNotEmpty();
        assertThat(nearby.of("FE-N01").get(0).metres()).isLessThan(100);
        assertThat(nearby.of("FE-N01")).allSatisfy(n -> assertThat(n.metres()).isLessThanOrEqualTo(200));
        // The bedroom measuring point is inside its building's footprint.
        assertThat(nearby.of("FE-N91").get(0)).isEqualTo(new NearbyBuildings.Nearby("B-FE-01", 0));
        long sitesWithHomes = registry.sites().stream()
                .filter(s -> !nearby.of(s.id()).isEmpty())
                .count();
        assertThat(sitesWithHomes).isBetween(5L, (long) registry.sites().size() - 1);
    }
}
