package io.envwatch.district.readings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuantityFormatTest {
    @Test
    void aPersonReadsEachQuantityAtItsOwnPrecision() {
        assertThat(Quantity.NOISE.format(72.49999999999999)).isEqualTo("72.5 dB(A)");
        assertThat(Quantity.H2S.format(0.019999999999999997)).isEqualTo("0.020 mg/m3");
        assertThat(Quantity.TP.format(0.12000000000000002)).isEqualTo("0.120 mg/L");
        assertThat(Quantity.ODOUR.format(19.6)).isEqualTo("20");
        assertThat(Quantity.format("tp", Double.NaN)).isEqualTo("-");
        assertThat(Quantity.format("no-such", 0.12000000000000002)).isEqualTo("0.120");
    }
}
