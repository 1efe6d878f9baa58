package io.envwatch.hj212.packets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FramerTest {
    private static final String STANDARD_EXAMPLE =
            "##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n";

    private static String noise(int i, double la) {
        return new Packet(
                        "20261206224000" + String.format("%03d", i % 1000),
                        "23",
                        "2011",
                        "123456",
                        "FG-NOISE-0001",
                        Packet.VERSION_2017 | Packet.ANSWER,
                        null,
                        null,
                        Cp.parse("DataTime=20261206224000;LA-Rtd=" + la + ",LA-Flag=N"))
                .frame();
    }

    private static List<Framer.Result> feed(Framer f, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return f.feed(b, 0, b.length);
    }

    @Test
    void theStandardsExampleFramesAndItsFieldsRead() {
        List<Framer.Result> out = feed(new Framer(), STANDARD_EXAMPLE);
        assertThat(out).hasSize(1);
        Packet p = ((Framer.Framed) out.get(0)).packet();
        assertThat(p.qn()).isEqualTo("20160801085857223");
        assertThat(p.st()).isEqualTo("32");
        assertThat(p.cn()).isEqualTo("1062");
        assertThat(p.mn()).isEqualTo("010000A8900016F000169DC0");
        assertThat(p.answerWanted()).isTrue();
        assertThat(p.split()).isFalse();
        assertThat(p.version()).isEqualTo(1);
        assertThat(p.cp().get("RtdInterval")).contains("30");
        assertThat(p.frame()).as("written back the same").isEqualTo(STANDARD_EXAMPLE);
    }

    @Test
    void aPollutantsValuesAreReadByCodeAndKind() {
        Packet p = ((Framer.Framed) feed(
                                new Framer(),
                                new Packet(
                                                "20261206224000000",
                                                "21",
                                                "2051",
                                                "123456",
                                                "SM-TP-0001",
                                                5,
                                                null,
                                                null,
                                                Cp.parse(
                                                        "DataTime=20261206223000;w21011-Avg=0.128,w21011-Min=0.120,w21011-Max=0.135,w21011-Flag=N;w21003-Avg=1.2,w21003-Flag=C"))
                                        .frame())
                        .get(0))
                .packet();
        assertThat(p.cp().get("DataTime")).contains("20261206223000");
        assertThat(p.cp().pollutants())
                .containsEntry("w21011", Map.of("Avg", "0.128", "Min", "0.120", "Max", "0.135", "Flag", "N"))
                .containsEntry("w21003", Map.of("Avg", "1.2", "Flag", "C"));
    }

    @Test
    void aPacketSplitOverReadsOrSeveralInOneReadComeOutWholeAndInOrder() {
        String three = noise(1, 50.1) + noise(2, 61.5) + noise(3, 58.0);
        Framer byByte = new Framer();
        List<Framer.Result> out = new ArrayList<>();
        for (byte b : three.getBytes(StandardCharsets.US_ASCII)) {
            out.addAll(byByte.feed(new byte[] {b}, 0, 1));
        }
        assertThat(out).allMatch(r -> r instanceof Framer.Framed).hasSize(3);
        assertThat(out.stream()
                        .map(r -> ((Framer.Framed) r)
                                .packet()
                                .cp()
                                .pollutants()
                                .get("LA")
                                .get("Rtd"))
                        .toList())
                .containsExactly("50.1", "61.5", "58.0");
        assertThat(byByte.pending()).isZero();
        assertThat(feed(new Framer(), three)).hasSize(3).allMatch(r -> r instanceof Framer.Framed);
    }

    @Test
    void eachBrokenPacketIsRejectedWithItsReasonAndTheNextOneStillComesOut() {
        String good = noise(7, 55.5);
        String badCrc = good.substring(0, good.length() - 6) + "0000\r\n";
        String badLength = "##0099" + good.substring(6);
        String tooLong = "##2048" + "x".repeat(10) + "\r\n";
        String badField = new Packet(null, "23", "2011", "123456", "M", 4, null, null, Cp.EMPTY)
                .frame()
                .replace("ST=23", "ST=2X");
        List<Framer.Result> out = feed(new Framer(), "hello" + badCrc + badLength + tooLong + fixCrc(badField) + good);
        assertThat(out)
                .extracting(r -> r instanceof Framer.Rejected rej ? rej.reason() : "framed")
                .containsSubsequence("garbage", "bad-crc", "bad-length", "too-long", "bad-field", "framed");
        assertThat(out.get(out.size() - 1)).isInstanceOf(Framer.Framed.class);
        assertThat(((Framer.Rejected) out.get(1)).raw()).startsWith("##");
    }

    @Test
    void noiseEndingInAHashRightBeforeAPacketDoesNotHideIt() {
        String good = noise(9, 52.0);
        List<Framer.Result> out = feed(new Framer(), "x#" + good);
        assertThat(out).last().isInstanceOf(Framer.Framed.class);
    }

    /** A fuzz corpus: valid packets with every kind of damage between them, in random reads. */
    @Test
    void noDamageStopsTheFramerOrLosesAnUndamagedPacket() {
        Random random = new Random(212);
        int lost = 0;
        int total = 0;
        for (int round = 0; round < 200; round++) {
            StringBuilder stream = new StringBuilder();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String packet = noise(round * 20 + i, 40 + random.nextInt(400) / 10.0);
                switch (random.nextInt(8)) {
                    case 0 -> stream.append(mutate(packet, random)); // a byte changed
                    case 1 -> stream.append(packet, 0, random.nextInt(packet.length())); // cut short
                    case 2 -> stream.append(randomBytes(random)); // noise, hashes included
                    default -> {
                        stream.append(packet);
                        expected.add(packet);
                    }
                }
                if (random.nextInt(10) == 0) {
                    stream.append("\r\n");
                }
            }
            // Make the last packet whole, so nothing valid is left waiting at the end.
            String last = noise(round * 20 + 19, 50.0);
            stream.append(last);
            expected.add(last);
            byte[] bytes = stream.toString().getBytes(StandardCharsets.UTF_8);
            Framer framer = new Framer();
            List<String> framed = new ArrayList<>();
            int at = 0;
            while (at < bytes.length) {
                int n = Math.min(bytes.length - at, 1 + random.nextInt(300));
                for (Framer.Result r : framer.feed(bytes, at, n)) {
                    if (r instanceof Framer.Framed f) {
                        framed.add(f.raw());
                    } else {
                        assertThat(((Framer.Rejected) r).raw().length()).isLessThanOrEqualTo(Framer.RAW_LIMIT);
                    }
                }
                assertThat(framer.pending()).isLessThanOrEqualTo(Packet.MAX_DATA_SEGMENT + 12 + 300);
                at += n;
            }
            // Every packet that comes out is an undamaged one, once, in order; nothing damaged does.
            assertThat(expected).containsSubsequence(framed);
            assertThat(framed).contains(last);
            lost += expected.size() - framed.size();
            total += expected.size();
        }
        System.out.printf("fuzz: %d undamaged packets, %d lost behind a damaged one%n", total, lost);
        assertThat(lost).as("undamaged packets lost behind damaged ones").isZero();
    }

    private static String fixCrc(String frame) {
        String segment = frame.substring(6, frame.length() - 6);
        return frame.substring(0, 6) + segment + Crc16.hex(segment) + "\r\n";
    }

    private static String mutate(String packet, Random random) {
        char[] c = packet.toCharArray();
        int i = 6 + random.nextInt(c.length - 8);
        c[i] = (char) (c[i] == 'Z' ? 'Y' : c[i] + 1);
        return new String(c);
    }

    private static String randomBytes(Random random) {
        StringBuilder s = new StringBuilder();
        String alphabet = "#0123456789ABCDEF;=&,\r\n xyz";
        for (int i = random.nextInt(40); i > 0; i--) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
