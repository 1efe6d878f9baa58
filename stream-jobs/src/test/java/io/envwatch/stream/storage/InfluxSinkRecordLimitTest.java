package io.envwatch.stream.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InfluxSinkRecordLimitTest {
    @Test
    void aPointWithinTheLimitIsWrittenAsItIs() {
        String line = "reading,site=FE-N01 value=1 1700000000000000000";
        assertThat(InfluxSink.withinRecordLimit(line)).isSameAs(line);
        String nearLimit = "dead_letter,reason=X detail=\"" + "a".repeat(InfluxSink.MAX_RECORD_BYTES - 100) + "\" 1";
        assertThat(InfluxSink.withinRecordLimit(nearLimit)).isSameAs(nearLimit);
    }

    @Test
    void anOversizePointBecomesABoundedDeadLetterAtItsOwnTime() {
        // Three-byte characters: under the limit in chars, over it in UTF-8 bytes.
        String line = "complaint,site=FE-N01 text=\"" + "\u6c61".repeat(100_000) + "\" 1700000000123000000";
        String replaced = InfluxSink.withinRecordLimit(line);
        assertThat(replaced)
                .startsWith("dead_letter,")
                .contains("reason=RECORD_TOO_LARGE")
                .contains("a complaint point of " + line.getBytes(StandardCharsets.UTF_8).length + " bytes");
        assertThat(replaced.getBytes(StandardCharsets.UTF_8).length).isLessThan(4_096);
        long nanos = Long.parseLong(replaced.substring(replaced.lastIndexOf(' ') + 1));
        assertThat(nanos / 1_000_000).isEqualTo(1_700_000_000_123L);
    }
}
