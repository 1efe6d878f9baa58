package io.envwatch.alerting.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IntakeLimitsTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBucketRefillsEvenlyOverItsWindowAndSaysHowLongToWait() {
        IntakeLimits.Gate gate = new IntakeLimits(2, Duration.ofMinutes(1), 100, Duration.ofMinutes(1), false).gate();
        long t = 0;
        assertThat(gate.admit("a", t).admitted()).isTrue();
        assertThat(gate.admit("a", t).admitted()).isTrue();
        IntakeLimits.Decision third = gate.admit("a", t);
        assertThat(third.admitted()).isFalse();
        assertThat(third.retryAfterSeconds()).isEqualTo(30); // one token every 30 s
        assertThat(gate.admit("b", t).admitted())
                .as("another address has its own bucket")
                .isTrue();
        assertThat(gate.admit("a", t + 29 * SECOND).admitted()).isFalse();
        assertThat(gate.admit("a", t + 30 * SECOND).admitted()).isTrue();
    }

    @Test
    void aRefusedClientDoesNotSpendTheOverallBudgetAndTheOverallLimitHoldsAcrossAddresses() {
        IntakeLimits.Gate gate = new IntakeLimits(1, Duration.ofHours(1), 3, Duration.ofHours(1), false).gate();
        assertThat(gate.admit("a", 0).admitted()).isTrue();
        for (int i = 0; i < 10; i++) {
            assertThat(gate.admit("a", 0).admitted()).isFalse();
        }
        assertThat(gate.admit("b", 0).admitted()).isTrue();
        assertThat(gate.admit("c", 0).admitted()).isTrue();
        IntakeLimits.Decision d = gate.admit("d", 0);
        assertThat(d.admitted()).isFalse();
        assertThat(d.limit().key()).isEqualTo("limit.overall");
        assertThat(d.limit().toString()).isEqualTo("overall: 3 in 60 min");
        assertThat(d.retryAfterSeconds()).isEqualTo(1200);
    }
}
