package io.envwatch.hj212.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.readings.DataFlag;
import io.envwatch.district.readings.DeadLetter;
import io.envwatch.district.readings.DeadLetterCodec;
import io.envwatch.district.readings.Decoded;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.district.registry.DataLogger;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.hj212.loggers.SimulatedLogger;
import io.envwatch.hj212.loggers.SimulatedLogger.Value;
import io.envwatch.local.LocalMosquitto;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway between simulated data loggers on real TCP sockets and a real Mosquitto: what a logger
 * sends comes out as its site's readings on the site's gateway topic, answered only once kept on
 * disk; broken, foreign and hostile input is refused, dead-lettered and bounded; a broker outage and
 * a gateway restart lose nothing; a logger's silence is asked for and filled.
 */
class Hj212GatewayIT {
    private static final Registry REGISTRY = RegistryLoader.sample();
    private static final ZoneId DISTRICT = REGISTRY.localTime().zoneId();
    private static final DataLogger NOISE =
            REGISTRY.logger("4419FG0000N02HJ212").orElseThrow();
    private static final String READINGS = ReadingCodec.topicFor("gw-fenggang-01");
    private static final long MINUTE = 60_000;

    @TempDir
    Path data;

    private LocalMosquitto broker;
    private Vertx vertx;
    private MqttClient subscriber;
    private final List<String[]> received = new CopyOnWriteArrayList<>();
    private final List<Hj212Gateway> gateways = new ArrayList<>();
    private final List<SimulatedLogger> loggers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        broker = LocalMosquitto.startPersistent(List.of("allow_anonymous true"));
        vertx = Vertx.vertx();
        subscriber = new MqttClient(broker.url(), "hj212-test-reader", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        // A persistent session: what is published while the reader reconnects after a broker restart waits for it.
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 2);
        subscriber.connect(options);
        subscriber.subscribe(
                new MqttSubscription[] {new MqttSubscription("envwatch/v1/#", 1)},
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
                    (topic, m) -> received.add(new String[] {topic, new String(m.getPayload(), StandardCharsets.UTF_8)})
                });
    }

    @AfterEach
    void stop() throws Exception {
        loggers.forEach(SimulatedLogger::close);
        gateways.forEach(Hj212Gateway::close);
        if (subscriber.isConnected()) {
            subscriber.disconnect();
        }
        subscriber.close();
        vertx.close().await(10, TimeUnit.SECONDS);
        broker.close();
    }

    private Hj212Gateway gateway(String... flags) throws Exception {
        Map<String, String> settings = new HashMap<>(
                Map.of("port", "0", "data", data.toString(), "broker", broker.url(), "username", "envwatch-hj212"));
        for (int i = 0; i < flags.length; i += 2) {
            settings.put(flags[i], flags[i + 1]);
        }
        Hj212Gateway g = Hj212Gateway.start(
                        vertx,
                        REGISTRY,
                        GatewaySettings.of(settings, name -> null),
                        name -> null,
                        System::currentTimeMillis)
                .await(10, TimeUnit.SECONDS);
        gateways.add(g);
        return g;
    }

    private SimulatedLogger logger(Hj212Gateway g) throws Exception {
        SimulatedLogger l = new SimulatedLogger(NOISE, "fgn02pw", DISTRICT);
        l.connect("127.0.0.1", g.port());
        loggers.add(l);
        return l;
    }

    /** The readings published so far, decoded as the job decodes them. */
    private List<Reading> readings() {
        ReadingCodec codec = new ReadingCodec(REGISTRY);
        List<Reading> out = new ArrayList<>();
        for (String[] m : received) {
            if (m[0].equals(READINGS)) {
                Decoded d = codec.decode(m[0], m[1].getBytes(StandardCharsets.UTF_8), System.currentTimeMillis());
                assertThat(d.deadLetters())
                        .as("what the gateway publishes passes the job's checks")
                        .isEmpty();
                out.addAll(d.readings());
            }
        }
        return out;
    }

    private List<DeadLetter> deadLetters() {
        return received.stream()
                .filter(m -> DeadLetterCodec.isRejectedTopic(m[0]))
                .map(m ->
                        DeadLetterCodec.decode(m[0], m[1].getBytes(StandardCharsets.UTF_8), System.currentTimeMillis()))
                .toList();
    }

    private static long minuteAgo(int minutes) {
        long now = System.currentTimeMillis();
        return now - now % MINUTE - minutes * MINUTE;
    }

    @Test
    void aLoggersDataBecomesItsSitesReadingsWithTheirFlags() throws Exception {
        Hj212Gateway g = gateway();
        SimulatedLogger l = logger(g);
        long at = minuteAgo(2);
        assertThat(l.sendRealtime(at, 5_000, new Value("LA", 62.5, DataFlag.N))).isTrue();
        assertThat(l.sendRealtime(at + 30_000, 5_000, new Value("LA", 94.0, DataFlag.C)))
                .isTrue();

        await("two readings", () -> readings().size() == 2);
        assertThat(readings())
                .containsExactly(
                        new Reading("FE-N02", Quantity.NOISE, 62.5, at, "gw-fenggang-01"),
                        new Reading("FE-N02", Quantity.NOISE, 94.0, at + 30_000, "gw-fenggang-01").flagged(DataFlag.C));
        assertThat(g.counts().flaggedValues.sum()).isEqualTo(1);
        assertThat(g.counts().answered.sum()).isEqualTo(2);
    }

    @Test
    void refusedPacketsAreDeadLetteredUnansweredAndTheLoggerCarriesOn() throws Exception {
        Hj212Gateway g = gateway();
        SimulatedLogger l = logger(g);
        SimulatedLogger stranger = new SimulatedLogger(
                new DataLogger("4419XX0000N99HJ212", "FE-N02", 23, "x", null, null, null, null), "x", DISTRICT);
        stranger.connect("127.0.0.1", g.port());
        loggers.add(stranger);
        SimulatedLogger wrongPassword = new SimulatedLogger(NOISE, "guess", DISTRICT);
        wrongPassword.connect("127.0.0.1", g.port());
        loggers.add(wrongPassword);
        long at = minuteAgo(3);

        assertThat(stranger.sendRealtime(at, 1_000, new Value("LA", 50, DataFlag.N)))
                .isFalse();
        assertThat(wrongPassword.sendRealtime(at, 1_000, new Value("LA", 50, DataFlag.N)))
                .isFalse();
        String segment =
                "QN=20261207010203004;ST=23;CN=2011;PW=fgn02pw;MN=4419FG0000N02HJ212;Flag=5;CP=&&DataTime=20261207010200;LA-Rtd=51.0,LA-Flag=N&&";
        l.sendRaw(("##" + String.format("%04d", segment.length()) + segment + "0000\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        // One unknown code beside a good value: the value is published, the code dead-lettered.
        assertThat(l.sendRealtime(at, 5_000, new Value("LA", 55.5, DataFlag.N), new Value("LX9", 1, DataFlag.N)))
                .isTrue();

        await(
                "the reading and four dead letters",
                () -> readings().size() == 1 && deadLetters().size() >= 4);
        assertThat(readings()).extracting(r -> r.value).containsExactly(55.5);
        assertThat(deadLetters())
                .extracting(d -> d.reason)
                .contains("HJ212_UNKNOWN_MN", "HJ212_BAD_PASSWORD", "HJ212_BAD_CRC", "HJ212_UNKNOWN_CODE");
        assertThat(deadLetters()).allSatisfy(d -> {
            assertThat(d.gateway).isEqualTo("envwatch-hj212");
            assertThat(d.detail).contains("(from 127.0.0.1)");
        });
        assertThat(deadLetters().stream()
                        .filter(d -> d.reason.equals("HJ212_BAD_PASSWORD"))
                        .findFirst()
                        .orElseThrow()
                        .raw)
                .as("the raw packet is kept without the password tried: a near miss would tell the real one")
                .contains("MN=4419FG0000N02HJ212")
                .contains("PW=***")
                .doesNotContain("guess");
    }

    @Test
    void aBrokerOutageAndAGatewayRestartLoseNothing() throws Exception {
        Hj212Gateway first = gateway();
        SimulatedLogger l = logger(first);
        long base = minuteAgo(10);
        assertThat(l.sendRealtime(base, 5_000, new Value("LA", 50, DataFlag.N))).isTrue();
        await("the first reading", () -> readings().size() == 1);

        broker.stop(false);
        for (int i = 1; i <= 20; i++) {
            assertThat(l.sendRealtime(base + i * 10_000L, 5_000, new Value("LA", 50 + i, DataFlag.N)))
                    .as("answered from the spool with the broker down")
                    .isTrue();
        }
        assertThat(first.forwarder().waiting()).isEqualTo(20);
        // The gateway stops too, with 20 answered messages only on its disk; a new one takes them up.
        l.disconnect();
        gateways.remove(first);
        first.close();
        broker.startAgain();
        Hj212Gateway second = gateway();
        await("all 21 readings", () -> distinctTimes() == 21);
        assertThat(readings().stream()
                        .mapToDouble(r -> r.value)
                        .distinct()
                        .sorted()
                        .toArray())
                .hasSize(21)
                .startsWith(50, 51)
                .endsWith(70);
        await("the spool emptied", () -> second.forwarder().waiting() == 0);
    }

    @Test
    void aFullSpoolLeavesTheLoggerUnansweredSoItKeepsItsData() throws Exception {
        broker.stop(false);
        Hj212Gateway g = gateway("spool-max-kb", "1");
        SimulatedLogger l = logger(g);
        long base = minuteAgo(20);
        int answered = 0;
        int unanswered = 0;
        for (int i = 0; i < 16; i++) {
            // On disk within milliseconds when there is room: half a second is long enough to tell.
            if (l.sendRealtime(base + i * 10_000L, 500, new Value("LA", 50, DataFlag.N))) {
                answered++;
            } else {
                unanswered++;
            }
        }
        assertThat(answered).as("what fits in 1 KiB").isBetween(3, 12);
        assertThat(unanswered).isEqualTo(16 - answered);
        assertThat(g.counts().spoolFull.sum()).isEqualTo(unanswered);
        assertThat(g.forwarder().spoolBytes()).isLessThanOrEqualTo(1024);

        broker.startAgain();
        int kept = answered;
        await("every answered reading published", () -> distinctTimes() == kept);
        assertThat(readings()).hasSize(kept);
        // With the broker back the spool empties and the logger is answered again.
        await("room again", () -> g.forwarder().waiting() == 0);
        assertThat(l.sendRealtime(base + 31 * 10_000L, 5_000, new Value("LA", 50, DataFlag.N)))
                .isTrue();
    }

    @Test
    void aLoggersSilenceIsAskedForAndFilledWithItsMinuteData() throws Exception {
        Hj212Gateway g = gateway("backfill-after", "PT5M");
        SimulatedLogger l = logger(g);
        long before = minuteAgo(40);
        assertThat(l.sendRealtime(before, 5_000, new Value("LA", 48, DataFlag.N)))
                .isTrue();
        l.disconnect();
        // Thirty minutes of silence: the line is down, the logger measures on and keeps its minutes.
        for (int m = 1; m <= 30; m++) {
            l.measure(before + m * MINUTE, new Value("LA", 60 + m / 10.0, DataFlag.N));
        }
        l.connect("127.0.0.1", g.port());
        long after = before + 31 * MINUTE;
        assertThat(l.sendRealtime(after, 5_000, new Value("LA", 49, DataFlag.N)))
                .isTrue();

        // Distinct times, not messages: the path is at least once (a publish the broker took but
        // did not confirm in time goes out again), and the job takes a copy once.
        await("the gap's 30 minutes", () -> distinctTimes() == 32);
        assertThat(l.historyRequests()).isEqualTo(1);
        assertThat(g.counts().historyRequests.sum()).isEqualTo(1);
        assertThat(g.counts().historyReadings.sum()).isEqualTo(30);
        List<Long> gap = readings().stream()
                .map(r -> r.timestamp)
                .filter(t -> t > before && t < after)
                .distinct()
                .sorted()
                .toList();
        assertThat(gap).hasSize(30).first().isEqualTo(before + MINUTE);
        assertThat(gap).last().isEqualTo(before + 30 * MINUTE);
        // Minute data the gateway did not ask for are answered and not read: live data is real-time.
        assertThat(l.sendMinute(after + MINUTE, 5_000, new Value("LA", 70, DataFlag.N)))
                .isTrue();
        assertThat(g.counts().notRead.sum()).isEqualTo(1);
    }

    @Test
    void hostilePeersAreBoundedAndAPatientLoggerIsNot() throws Exception {
        Hj212Gateway g = gateway("max-per-address", "3", "partial-timeout", "PT1S");
        // A fourth connection from one address is closed at once.
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sockets.add(new Socket("127.0.0.1", g.port()));
        }
        assertThat(closedByPeer(sockets.get(3), 5_000)).isTrue();
        assertThat(g.counts().connectionsRefused.sum()).isEqualTo(1);
        // Garbage and no packet: closed after 20 refusals, of which the dead letters are bounded by rate.
        sockets.get(0).getOutputStream().write("##9999xx\r\n".repeat(25).getBytes(StandardCharsets.US_ASCII));
        assertThat(closedByPeer(sockets.get(0), 5_000)).isTrue();
        // Half a packet, and then nothing: closed after the partial timeout.
        sockets.get(1).getOutputStream().write("##0101QN=2026".getBytes(StandardCharsets.US_ASCII));
        assertThat(closedByPeer(sockets.get(1), 5_000)).isTrue();
        assertThat(g.counts().connectionsClosedForAbuse.sum()).isEqualTo(2);
        for (Socket s : sockets) {
            s.close();
        }

        // A slow line: a packet a few bytes at a time, well within the timeout, is taken.
        SimulatedLogger l = logger(g);
        long at = minuteAgo(5);
        String segment = "QN=20261207010203004;ST=23;CN=2011;PW=fgn02pw;MN=4419FG0000N02HJ212;Flag=5;CP=&&DataTime="
                + java.time.format.DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
                        .format(java.time.Instant.ofEpochMilli(at).atZone(DISTRICT))
                + ";LA-Rtd=52.5,LA-Flag=N&&";
        byte[] frame = ("##" + String.format("%04d", segment.length()) + segment
                        + io.envwatch.hj212.packets.Crc16.hex(segment) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < frame.length; i += 16) {
            l.sendRaw(java.util.Arrays.copyOfRange(frame, i, Math.min(frame.length, i + 16)));
            Thread.sleep(20);
        }
        await("the slow packet's reading", () -> readings().size() == 1);
        assertThat(readings().get(0).value).isEqualTo(52.5);
    }

    private long distinctTimes() {
        return readings().stream().map(r -> r.timestamp).distinct().count();
    }

    /**
     * The framer's fuzz corpus on a real socket: a logger's packets with bytes changed, cut short
     * and noise between them, in random writes. Exactly the undamaged packets become readings, and
     * the gateway answers the next logger as if nothing had happened.
     */
    @Test
    void aFuzzedStreamYieldsExactlyTheReadingsOfItsUndamagedPackets() throws Exception {
        Hj212Gateway g = gateway("refusals-per-minute", "1000");
        java.util.Random random = new java.util.Random(2120);
        long base = minuteAgo(60);
        java.util.Set<Long> expected = new java.util.TreeSet<>();
        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            long at = base + i * 1_000L;
            String packet = realtime(at, 40 + random.nextInt(400) / 10.0);
            switch (random.nextInt(8)) {
                case 0 -> {
                    char[] c = packet.toCharArray();
                    int k = 6 + random.nextInt(c.length - 8);
                    c[k] = (char) (c[k] == 'Z' ? 'Y' : c[k] + 1);
                    stream.append(c);
                }
                case 1 -> stream.append(packet, 0, random.nextInt(packet.length()));
                case 2 -> {
                    String alphabet = "#0123456789ABCDEF;=&,\r\n xyz";
                    for (int k = random.nextInt(40); k > 0; k--) {
                        stream.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                }
                default -> {
                    stream.append(packet);
                    expected.add(at);
                }
            }
        }
        String last = realtime(base + 300_000, 50);
        stream.append(last);
        expected.add(base + 300_000);
        try (Socket s = new Socket("127.0.0.1", g.port())) {
            byte[] bytes = stream.toString().getBytes(StandardCharsets.US_ASCII);
            var out = s.getOutputStream();
            for (int at = 0; at < bytes.length; ) {
                int n = Math.min(bytes.length - at, 1 + random.nextInt(300));
                out.write(bytes, at, n);
                out.flush();
                at += n;
            }
            await("every undamaged packet's reading", () -> distinctTimes() >= expected.size());
            Thread.sleep(300);
        }
        java.util.Set<Long> published = new java.util.TreeSet<>();
        readings().forEach(r -> published.add(r.timestamp));
        assertThat(published).isEqualTo(expected);
        assertThat(g.counts().refusals()).isNotEmpty();
        SimulatedLogger l = logger(g);
        assertThat(l.sendRealtime(base + 400_000, 5_000, new Value("LA", 50, DataFlag.N)))
                .isTrue();
    }

    /**
     * A peer that floods valid packets asking for answers and never reads them: the gateway stops
     * reading it instead of piling the answers up in memory, and goes on once it reads; nothing is lost.
     */
    @Test
    void aFloodThatReadsNoAnswersIsNotReadUntilItDoes() throws Exception {
        Hj212Gateway g = gateway();
        long base = minuteAgo(120);
        int packets = 800;
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(1024);
            s.connect(new java.net.InetSocketAddress("127.0.0.1", g.port()));
            var out = s.getOutputStream();
            Thread flood = new Thread(() -> {
                try {
                    for (int i = 0; i < packets; i++) {
                        out.write(realtimeAnswered(base + i * 1_000L, 50).getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            flood.start();
            await(
                    "the gateway to stop reading the peer",
                    () -> g.counts().pausedForAnswers.sum() > 0);
            Thread.sleep(300); // the packets of the last read before the pause are still framed and kept
            long whilePaused = g.counts().packets.sum();
            Thread.sleep(700);
            assertThat(g.counts().packets.sum()).as("nothing read while paused").isEqualTo(whilePaused);
            assertThat(whilePaused).isLessThan(packets);
            // Now it reads its answers, and the rest goes through.
            InputStream in = s.getInputStream();
            Thread reader = new Thread(() -> {
                try {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                } catch (java.io.IOException e) {
                    // closed at the end of the test
                }
            });
            reader.setDaemon(true);
            reader.start();
            flood.join(30_000);
            await("every packet's reading", () -> distinctTimes() == packets);
        }
    }

    private static String realtimeAnswered(long at, double la) {
        String frame = realtime(at, la);
        String segment = frame.substring(6, frame.length() - 6).replace(";Flag=4;", ";Flag=5;");
        return "##" + String.format("%04d", segment.length()) + segment + io.envwatch.hj212.packets.Crc16.hex(segment)
                + "\r\n";
    }

    private static String realtime(long at, double la) {
        return new io.envwatch.hj212.packets.Packet(
                        java.time.format.DateTimeFormatter.ofPattern("uuuuMMddHHmmssSSS")
                                .format(java.time.Instant.ofEpochMilli(at).atZone(DISTRICT)),
                        "23",
                        "2011",
                        "fgn02pw",
                        NOISE.mn(),
                        io.envwatch.hj212.packets.Packet.VERSION_2017,
                        null,
                        null,
                        io.envwatch.hj212.packets.Cp.data(
                                java.time.format.DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
                                        .format(java.time.Instant.ofEpochMilli(at)
                                                .atZone(DISTRICT)),
                                Map.of("LA", Map.of("Rtd", String.valueOf(la)))))
                .frame();
    }

    /** Whether the gateway closed the connection within the time (a read sees its end). */
    private static boolean closedByPeer(Socket s, int timeoutMillis) throws Exception {
        s.setSoTimeout(timeoutMillis);
        InputStream in = s.getInputStream();
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true; // reset
        }
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; the broker had "
                        + received.stream().map(m -> m[0] + " " + m[1]).toList());
            }
            Thread.sleep(50);
        }
    }
}
