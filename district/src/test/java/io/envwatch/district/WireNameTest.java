package io.envwatch.district;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.envwatch.district.complaints.ComplaintCategory;
import org.junit.jupiter.api.Test;

class WireNameTest {
    @Test
    void aNameIsMatchedExactlyAndAnUnknownStoredNameStopsTheReadingSayingWhere() {
        assertThat(WireName.lookup(ComplaintCategory.class, "odour")).contains(ComplaintCategory.ODOUR);
        assertThat(WireName.lookup(ComplaintCategory.class, "ODOUR")).isEmpty();
        assertThat(WireName.lookup(ComplaintCategory.class, null)).isEmpty();
        assertThat(WireName.stored(ComplaintCategory.class, "noise", "here")).isEqualTo(ComplaintCategory.NOISE);
        assertThatThrownBy(() -> WireName.stored(ComplaintCategory.class, "smoke", "2026-12-06T16:00:00Z"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("unknown ComplaintCategory smoke stored at 2026-12-06T16:00:00Z");
    }
}
