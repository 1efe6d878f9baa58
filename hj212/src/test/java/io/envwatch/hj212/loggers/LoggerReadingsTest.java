package io.envwatch.hj212.loggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.envwatch.district.readings.DataFlag;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.registry.DataLogger;
import io.envwatch.hj212.packets.Framer;
import io.envwatch.hj212.packets.Packet;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoggerReadingsTest {
    private static final ZoneId DISTRICT = ZoneId.of("Asia/Shanghai");
    private static final DataLogger NOISE =
            new DataLogger("4419FG0000N02HJ212", "FE-N02", 23, "fgn02pw", null, null, null, null);
    private static final DataLogger WATER = new DataLogger(
            "4419TA0000W00HJ212",
            "W-TANGXIA",
            21,
            "taw00pw",
            null,
            Map.of("w21011x", "tp"),
            Map.of("w21011x", "ug/L"),
            null);

    private static Packet read(String dataSegment) {
        String frame = "##" + String.format("%04d", dataSegment.length()) + dataSegment
                + io.envwatch.hj212.packets.Crc16.hex(dataSegment) + "\r\n";
        byte[] b = frame.getBytes(StandardCharsets.UTF_8);
        return ((Framer.Framed) new Framer().feed(b, 0, b.length).get(0)).packet();
    }

    @Test
    void realTimeNoiseIsReadOnTheDistrictsClockWithItsFlag() {
        Packet p = read("QN=20261206224000123;ST=23;CN=2011;PW=fgn02pw;MN=4419FG0000N02HJ212;Flag=5;"
                + "CP=&&DataTime=20261206224000;LA-Rtd=61.5,LA-Flag=N;LAeq-Rtd=60.2,LAeq-Flag=N&&");
        LoggerReadings.Result r = LoggerReadings.of(p, NOISE, DISTRICT);
        assertThat(r.values())
                .containsExactly(new LoggerReadings.Value(
                        "LA",
                        Quantity.NOISE,
                        61.5,
                        Instant.parse("2026-12-06T14:40:00Z").toEpochMilli(),
                        DataFlag.N));
        assertThat(r.skipped())
                .extracting(LoggerReadings.Skipped::code, LoggerReadings.Skipped::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("LAeq", "unknown-code"));
    }

    @Test
    void minuteDataIsReadByItsAverageInTheQuantitysUnitAndAFlaggedValueSaysSo() {
        Packet p = read("QN=20261206224000123;ST=21;CN=2051;PW=taw00pw;MN=4419TA0000W00HJ212;Flag=5;"
                + "CP=&&DataTime=20261206223000;w21011-Avg=0.128,w21011-Min=0.1,w21011-Max=0.2,w21011-Flag=C;"
                + "w21011x-Avg=250,w21011x-Flag=N;w21003-Avg=1.2&&");
        LoggerReadings.Result r = LoggerReadings.of(p, WATER, DISTRICT);
        assertThat(r.values()).hasSize(2);
        LoggerReadings.Value calibrating = r.values().get(0);
        assertThat(calibrating.value()).isEqualTo(0.128);
        assertThat(calibrating.flag()).isEqualTo(DataFlag.C);
        assertThat(calibrating.normal())
                .as("a value in calibration is no evidence")
                .isFalse();
        assertThat(r.values().get(1).value()).as("250 ug/L is 0.25 mg/L").isEqualTo(0.25);
        assertThat(r.skipped()).extracting(LoggerReadings.Skipped::reason).containsExactly("unknown-code");
    }

    @Test
    void aValueThatCannotBeReadCostsOnlyItself() {
        Packet p = read("QN=20261206224000123;ST=23;CN=2011;PW=fgn02pw;MN=4419FG0000N02HJ212;Flag=5;"
                + "CP=&&DataTime=20261206224000;LA-Rtd=loud,LA-Flag=N&&");
        assertThat(LoggerReadings.of(p, NOISE, DISTRICT).skipped())
                .extracting(LoggerReadings.Skipped::reason)
                .containsExactly("bad-value");
        Packet flagged = read("QN=20261206224000123;ST=23;CN=2011;PW=fgn02pw;MN=4419FG0000N02HJ212;Flag=5;"
                + "CP=&&DataTime=20261206224000;LA-Rtd=50,LA-Flag=Q&&");
        assertThat(LoggerReadings.of(flagged, NOISE, DISTRICT).skipped())
                .extracting(LoggerReadings.Skipped::reason)
                .containsExactly("bad-flag");
        Packet noTime = read(
                "QN=20261206224000123;ST=23;CN=2011;PW=fgn02pw;MN=4419FG0000N02HJ212;Flag=5;" + "CP=&&LA-Rtd=50&&");
        assertThatThrownBy(() -> LoggerReadings.of(noTime, NOISE, DISTRICT)).hasMessageContaining("no DataTime");
        Packet notData = read("QN=20261206224000123;ST=91;CN=9014;PW=fgn02pw;MN=4419FG0000N02HJ212;Flag=4;CP=&&&&");
        assertThatThrownBy(() -> LoggerReadings.of(notData, NOISE, DISTRICT)).hasMessageContaining("carries no data");
    }
}
