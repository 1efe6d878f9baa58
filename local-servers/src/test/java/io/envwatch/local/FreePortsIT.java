package io.envwatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A port picked free can be taken by another process before the server binds it (an outgoing
 * connection's local port, seen once in CI): the server is started again on other ports.
 */
class FreePortsIT {

    @Test
    void aTakenPortIsTriedAgainElsewhereOtherFailuresAreNot() {
        AtomicInteger attempts = new AtomicInteger();
        assertThat(LocalProcess.onFreePorts(() -> {
                    if (attempts.incrementAndGet() < 3) {
                        throw new IllegalStateException(
                                "influxd exited with 1 before listening on port 1; its log:\n"
                                        + "run: open server: open service: listen tcp 127.0.0.1:1: bind: address already in use");
                    }
                    return (LocalProcess) null;
                }))
                .isNull();
        assertThat(attempts).hasValue(3);

        attempts.set(0);
        assertThatThrownBy(() -> LocalProcess.onFreePorts(() -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("mosquitto exited with 3: Error: Unable to open pwfile");
                }))
                .hasMessageContaining("pwfile");
        assertThat(attempts).hasValue(1);
    }

    /** A real influxd told to listen on a port another socket holds says so, in the words the retry looks for. */
    @Test
    void influxdOnATakenPortFailsInTheWordsTheRetryLooksFor() throws Exception {
        assumeTrue(LocalInfluxd.isInstalled(), "influxd is not installed");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> LocalInfluxd.start(taken.getLocalPort()))
                    .hasMessageContaining("address already in use");
        }
    }
}
