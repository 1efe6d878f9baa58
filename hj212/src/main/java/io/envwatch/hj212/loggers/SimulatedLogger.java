package io.envwatch.hj212.loggers;

import io.envwatch.district.readings.DataFlag;
import io.envwatch.district.registry.DataLogger;
import io.envwatch.hj212.packets.Cp;
import io.envwatch.hj212.packets.Framer;
import io.envwatch.hj212.packets.Packet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A data logger (数采仪) as the standard describes one, over a real TCP connection: it sends its
 * real-time (2011) and minute (2051) data with Flag 5 (HJ 212-2017, answer wanted), keeps every
 * minute it measured, and answers the platform's request for a period's minute data (2051 with
 * BeginTime and EndTime) with a request response (9011), the data, and an execution result (9012).
 * Used by the simulator's HJ 212 mode and the gateway's tests; a real logger is pointed at the
 * gateway the same way (docs/hj212.md).
 */
public final class SimulatedLogger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedLogger.class);
    private static final DateTimeFormatter QN = DateTimeFormatter.ofPattern("uuuuMMddHHmmssSSS");
    private static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    /** One code's value at a time, with its flag. */
    public record Value(String code, double value, DataFlag flag) {}

    private final DataLogger logger;
    private final String password;
    private final ZoneId zone;
    private final NavigableMap<Long, Value[]> minutes = new ConcurrentSkipListMap<>();
    private final Map<String, CountDownLatch> waiting = new ConcurrentHashMap<>();
    private final AtomicLong qn = new AtomicLong();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger historyRequests = new AtomicInteger();
    private final AtomicInteger historySent = new AtomicInteger();
    private Socket socket;
    private OutputStream out;
    private Thread reader;

    public SimulatedLogger(DataLogger logger, String password, ZoneId zone) {
        this.logger = logger;
        this.password = password;
        this.zone = zone;
    }

    public DataLogger logger() {
        return logger;
    }

    public synchronized void connect(String host, int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        reader = new Thread(() -> read(in), "logger-" + logger.mn());
        reader.setDaemon(true);
        reader.start();
    }

    /** Drops the connection, as a logger does when its line goes down. */
    public synchronized void disconnect() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException e) {
            LOG.debug("closing", e);
        }
        socket = null;
    }

    public synchronized boolean connected() {
        return socket != null && !socket.isClosed();
    }

    /**
     * Measures a minute: kept for history requests whether connected or not.
     *
     * @param minute the minute's start, epoch ms
     */
    public void measure(long minute, Value... values) {
        minutes.put(minute, values);
    }

    /**
     * Sends real-time data (2011) and waits for the data response.
     *
     * @return whether the platform answered (9014 with the packet's QN) within the timeout
     */
    public boolean sendRealtime(long at, long timeoutMillis, Value... values) throws IOException, InterruptedException {
        return send(data("2011", "Rtd", at, values), timeoutMillis);
    }

    /** Sends a minute's data (2051) and waits for the data response. */
    public boolean sendMinute(long minute, long timeoutMillis, Value... values)
            throws IOException, InterruptedException {
        return send(data("2051", "Avg", minute, values), timeoutMillis);
    }

    /** Sends raw bytes, as a broken or hostile device would. */
    public synchronized void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    private Packet data(String cn, String kind, long at, Value... values) {
        Map<String, Map<String, String>> pollutants = new LinkedHashMap<>();
        for (Value v : values) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put(kind, format(v.value()));
            fields.put("Flag", v.flag().name());
            pollutants.put(v.code(), fields);
        }
        return packet(
                cn,
                Packet.VERSION_2017 | Packet.ANSWER,
                Cp.data(DATA_TIME.format(Instant.ofEpochMilli(at).atZone(zone)), pollutants));
    }

    private Packet packet(String cn, int flag, Cp cp) {
        // QNs must differ: the response is matched by it. A millisecond clock that never repeats.
        long millis = Math.max(System.currentTimeMillis(), qn.get() + 1);
        qn.set(millis);
        return new Packet(
                QN.format(Instant.ofEpochMilli(millis).atZone(zone)),
                String.valueOf(logger.system()),
                cn,
                password,
                logger.mn(),
                flag,
                null,
                null,
                cp);
    }

    private boolean send(Packet p, long timeoutMillis) throws IOException, InterruptedException {
        CountDownLatch answer = new CountDownLatch(1);
        waiting.put(p.qn(), answer);
        try {
            sendRaw(p.frame().getBytes(StandardCharsets.US_ASCII));
            return answer.await(timeoutMillis, TimeUnit.MILLISECONDS);
        } finally {
            waiting.remove(p.qn());
        }
    }

    private void read(InputStream in) {
        Framer framer = new Framer();
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                for (Framer.Result r : framer.feed(buffer, 0, n)) {
                    if (r instanceof Framer.Framed f) {
                        received(f.packet());
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("logger {}: connection ended: {}", logger.mn(), e.toString());
        }
    }

    private void received(Packet p) throws IOException {
        if (p.cn().equals("9014")) {
            answered.incrementAndGet();
            CountDownLatch l = waiting.get(p.qn());
            if (l != null) {
                l.countDown();
            }
        } else if (p.cn().equals("2051") && p.cp().get("BeginTime").isPresent()) {
            historyRequests.incrementAndGet();
            answerHistory(p);
        }
    }

    /** The standard's exchange for a request: 9011 accepted, the data, 9012 done (same QN). */
    private void answerHistory(Packet request) throws IOException {
        long from = LoggerReadings.dataTime(request.cp().get("BeginTime").orElseThrow(), zone);
        long to = LoggerReadings.dataTime(request.cp().get("EndTime").orElse("0"), zone);
        sendRaw(reply(request, "9011", "QnRtn=1"));
        for (Map.Entry<Long, Value[]> m : minutes.subMap(from, true, to, true).entrySet()) {
            sendRaw(data("2051", "Avg", m.getKey(), m.getValue()).frame().getBytes(StandardCharsets.US_ASCII));
            historySent.incrementAndGet();
        }
        sendRaw(reply(request, "9012", "ExeRtn=1"));
    }

    private byte[] reply(Packet request, String cn, String result) {
        int eq = result.indexOf('=');
        Packet p = new Packet(
                request.qn(),
                "91",
                cn,
                password,
                logger.mn(),
                Packet.VERSION_2017,
                null,
                null,
                Cp.of(Map.of(result.substring(0, eq), result.substring(eq + 1))));
        return p.frame().getBytes(StandardCharsets.US_ASCII);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) + ".0" : String.valueOf(v);
    }

    /** Data responses received. */
    public int answered() {
        return answered.get();
    }

    public int historyRequests() {
        return historyRequests.get();
    }

    /** Minutes sent in answer to history requests. */
    public int historySent() {
        return historySent.get();
    }

    @Override
    public void close() {
        disconnect();
    }
}
