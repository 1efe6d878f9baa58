package io.envwatch.hj212.packets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RepliesTest {
    private static final ZoneId DISTRICT = ZoneId.of("Asia/Shanghai");

    @Test
    void aDataResponseEchoesTheQnAndWantsNoAnswer() {
        Packet data = Packet.parse("QN=20240429103553533;ST=23;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;"
                + "CP=&&DataTime=20240429103553;LA-Rtd=50.4,LA-Flag=N&&");
        Packet response = Replies.dataResponse(data);
        // As a public client library's test expects it: QN=…;ST=91;CN=9014;PW=123456;MN=…;Flag=4;CP=&&&&
        assertThat(response.dataSegment())
                .isEqualTo("QN=20240429103553533;ST=91;CN=9014;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&");
        assertThat(response.answerWanted()).isFalse();
        assertThat(response.frame())
                .startsWith("##0087QN=")
                .endsWith("&&&&" + Crc16.hex(response.dataSegment()) + "\r\n");
    }

    @Test
    void aHistoryRequestNamesThePeriodOnTheLoggersClockAndWantsAnAnswer() {
        Packet request = Replies.historyRequest(
                "2051",
                "23",
                "fgn02pw",
                "4419FG0000N02HJ212",
                Instant.parse("2026-12-06T14:00:00Z"),
                Instant.parse("2026-12-06T14:30:00Z"),
                Instant.parse("2026-12-06T14:31:02.250Z"),
                DISTRICT);
        assertThat(request.dataSegment())
                .isEqualTo("QN=20261206223102250;ST=23;CN=2051;PW=fgn02pw;MN=4419FG0000N02HJ212;Flag=5;"
                        + "CP=&&BeginTime=20261206220000;EndTime=20261206223000&&");
        assertThat(request.answerWanted()).isTrue();
        assertThat(Packet.parse(request.dataSegment())).isEqualTo(request);
    }
}
