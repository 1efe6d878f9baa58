package io.envwatch.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResendWindowTest {
    private final AtomicLong now = new AtomicLong(1_000_000);

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void sendsAgainInOrderWhatWasAcknowledgedInTheMinuteBeforeTheLastAcknowledgement() throws Exception {
        ResendWindow window = new ResendWindow(Duration.ofSeconds(60), 1 << 20, now::get);
        window.acknowledged("t", bytes("old"));
        now.addAndGet(61_000);
        window.acknowledged("t", bytes("a"));
        now.addAndGet(30_000);
        window.acknowledged("u", bytes("b"));
        now.addAndGet(600_000); // the broker was down for ten minutes: nothing was acknowledged meanwhile
        List<String> sent = new ArrayList<>();
        ResendWindow.Resent r = window.resend((topic, payload, settled) -> {
            sent.add(topic + ":" + new String(payload, StandardCharsets.UTF_8));
            settled.run();
            return true;
        });
        assertThat(sent).containsExactly("t:a", "u:b");
        assertThat(r.sent()).isEqualTo(2);
        assertThat(window.kept()).isEqualTo(2); // kept for the next reconnect too
        assertThat(window.resent()).isEqualTo(2);
    }

    @Test
    void holdsNoMoreThanItsBytesDroppingTheOldest() {
        ResendWindow window = new ResendWindow(Duration.ofSeconds(60), 10, now::get);
        for (int i = 0; i < 5; i++) {
            window.acknowledged("t", bytes("abcd"));
        }
        assertThat(window.kept()).isEqualTo(2);
        assertThat(window.dropped()).isEqualTo(3);
    }

    @Test
    void waitsWhileTheClientIsFullAndStopsWhenTheConnectionIsGoneAgain() throws Exception {
        ResendWindow window = new ResendWindow(Duration.ofSeconds(60), 1 << 20, now::get);
        for (int i = 0; i < 4; i++) {
            window.acknowledged("t", bytes("m" + i));
        }
        AtomicInteger full = new AtomicInteger(2);
        List<String> sent = new ArrayList<>();
        ResendWindow.Resent r = window.resend((topic, payload, settled) -> {
            String m = new String(payload, StandardCharsets.UTF_8);
            if (m.equals("m1") && full.getAndDecrement() > 0) {
                return false; // too many in flight: tried again shortly
            }
            if (m.equals("m2")) {
                throw new IllegalStateException("connection lost");
            }
            sent.add(m);
            settled.run();
            return true;
        });
        assertThat(sent).containsExactly("m0", "m1");
        assertThat(r.sent()).isEqualTo(2);
        assertThat(r.inWindow()).isEqualTo(4);
    }
}
