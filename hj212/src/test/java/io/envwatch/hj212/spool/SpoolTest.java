package io.envwatch.hj212.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    @TempDir
    Path folder;

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void whatTheBrokerHasNotAcknowledgedIsThereAfterARestart() throws IOException {
        try (Spool spool = Spool.open(folder, 1 << 20, 1 << 16)) {
            long a = spool.append(text("reading 1"));
            long b = spool.append(text("reading 2"));
            long c = spool.append(text("reading 3"));
            spool.acknowledge(a);
            spool.acknowledge(c); // ahead of b, which is still in flight
            assertThat(spool.pending()).extracting(e -> text(e.payload())).containsExactly("reading 2");
            assertThat(b).isEqualTo(a + 1);
        }
        try (Spool again = Spool.open(folder, 1 << 20, 1 << 16)) {
            // c was acknowledged, but the mark stops at b: c goes again too (the job takes a reading once).
            assertThat(again.pending()).extracting(e -> text(e.payload())).containsExactly("reading 2", "reading 3");
            long d = again.append(text("reading 4"));
            assertThat(d).as("sequences go on").isEqualTo(3);
        }
    }

    @Test
    void aRecordTornByACrashIsCutOffAndTheRestKept() throws IOException {
        try (Spool spool = Spool.open(folder, 1 << 20, 1 << 16)) {
            spool.append(text("whole"));
            spool.append(text("torn by the crash"));
        }
        Path segment;
        try (Stream<Path> files = Files.list(folder)) {
            segment = files.filter(f -> f.toString().endsWith(".spool"))
                    .findFirst()
                    .orElseThrow();
        }
        long size = Files.size(segment);
        try (var ch = java.nio.channels.FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(size - 5);
        }
        try (Spool again = Spool.open(folder, 1 << 20, 1 << 16)) {
            assertThat(again.pending()).extracting(e -> text(e.payload())).containsExactly("whole");
            again.append(text("after the crash"));
            assertThat(again.pending()).extracting(e -> text(e.payload())).containsExactly("whole", "after the crash");
        }
    }

    @Test
    void itsDiskIsBoundedAndAcknowledgedSegmentsGo() throws IOException {
        byte[] hundred = new byte[92]; // 100 bytes with the record's header
        try (Spool spool = Spool.open(folder, 1_000, 300)) {
            for (int i = 0; i < 10; i++) {
                spool.append(hundred);
            }
            assertThat(spool.bytes()).isEqualTo(1_000);
            assertThatThrownBy(() -> spool.append(hundred))
                    .isInstanceOf(Spool.Full.class)
                    .hasMessageContaining("1000 bytes of its 1000");
            for (int i = 0; i < 9; i++) {
                spool.acknowledge(i);
            }
            assertThat(spool.bytes())
                    .as("only the segment with the unacknowledged message is left")
                    .isEqualTo(100);
            spool.append(hundred);
            assertThat(spool.bytes()).isEqualTo(200);
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.filter(f -> f.toString().endsWith(".spool")))
                    .as("the segment being written, with both")
                    .hasSize(1);
        }
    }

    @Test
    void aSpoolWhoseEveryMessageWasAcknowledgedIsEmptyAgainWhateverItsSegmentSize() throws IOException {
        byte[] hundred = new byte[92];
        try (Spool spool = Spool.open(folder, 1_000, 4_096)) {
            for (int i = 0; i < 10; i++) {
                spool.append(hundred);
            }
            for (int i = 0; i < 10; i++) {
                spool.acknowledge(i);
            }
            assertThat(spool.bytes()).as("one segment, all of it acknowledged").isZero();
            spool.append(hundred);
            assertThat(spool.bytes()).isEqualTo(100);
        }
        try (Spool again = Spool.open(folder, 1_000, 4_096)) {
            assertThat(again.pending()).hasSize(1);
            assertThat(again.bytes()).isEqualTo(100);
        }
    }
}
