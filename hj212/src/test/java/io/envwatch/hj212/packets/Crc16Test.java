package io.envwatch.hj212.packets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Crc16Test {
    @Test
    void theStandardsExamplePacketChecksAs1C80() {
        // HJ 212-2017's own example (set the real-time data interval), quoted by every public implementation.
        assertThat(
                        Crc16.hex(
                                "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&"))
                .isEqualTo("1C80");
    }

    @Test
    void dataResponsesPublishedByOtherImplementationsCheckAsTheirSendersComputedThem() {
        // Two 9014 data responses from two independent public implementations' tests (##0075…0140, ##0078…71C0).
        assertThat(Crc16.hex("QN=20260706103512345;ST=91;CN=9014;PW=123456;MN=A110000_0001;Flag=8;CP=&&&&"))
                .isEqualTo("0140");
        assertThat(Crc16.hex("QN=20201008154743635;ST=91;CN=9014;PW=123456;MN=SD000001;Flag=9;CP=&&QnRtn=1&&"))
                .isEqualTo("71C0");
    }

    @Test
    void itIsNotModbus() {
        // CRC-16/MODBUS of "123456789" is 4B37; this variant differs, which is why it has its own class.
        assertThat(Crc16.hex("123456789")).isNotEqualTo("4B37");
        assertThat(Crc16.hex("")).isEqualTo("FFFF");
    }
}
