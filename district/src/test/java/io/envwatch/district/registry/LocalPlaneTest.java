package io.envwatch.district.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LocalPlaneTest {
    @Test
    void aThousandthOfADegreeIsAbout111MetresNorthAndLessEastAtDongguansLatitude() {
        assertThat(LocalPlane.metres(23.0, 113.7, 23.001, 113.7)).isCloseTo(111.19, within(0.01));
        assertThat(LocalPlane.metres(23.0, 113.7, 23.0, 113.701)).isCloseTo(102.35, within(0.01));
        assertThat(LocalPlane.metres(23.0, 113.7, 23.001, 113.701))
                .isEqualTo(LocalPlane.metres(23.001, 113.701, 23.0, 113.7));
        double[] p = LocalPlane.project(23.0, 113.7, 22.999, 113.701);
        assertThat(p[0]).as("east").isPositive();
        assertThat(p[1]).as("south").isNegative();
    }
}
