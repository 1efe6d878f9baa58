package io.envwatch.hj212.packets;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the platform sends a data logger (HJ 212-2017): the data response (CN 9014) to a data packet
 * whose Flag asks for one, and the request for a period's minute, hour or day data (CN 2051, 2061,
 * 2031 with {@code BeginTime} and {@code EndTime}), which the logger answers with a request response
 * (9011), the data, and an execution response (9012).
 */
public final class Replies {
    /** System code of the platform's own packets: system interaction. */
    public static final String SYSTEM_INTERACTION = "91";

    private static final DateTimeFormatter QN = DateTimeFormatter.ofPattern("uuuuMMddHHmmssSSS");
    private static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    private Replies() {}

    /** The data response to {@code data}: its QN, the logger's PW and MN, no answer wanted. */
    public static Packet dataResponse(Packet data) {
        return new Packet(
                data.qn(), SYSTEM_INTERACTION, "9014", data.pw(), data.mn(), Packet.VERSION_2017, null, null, Cp.EMPTY);
    }

    /**
     * A request for the data of {@code command} (2051 minute, 2061 hour, 2031 day) between two
     * instants, written on the logger's clock ({@code zone}); it asks for the logger's answer.
     *
     * @param system the logger's system code (ST)
     */
    public static Packet historyRequest(
            String command,
            String system,
            String password,
            String mn,
            Instant from,
            Instant to,
            Instant now,
            ZoneId zone) {
        Map<String, String> period = new LinkedHashMap<>();
        period.put("BeginTime", DATA_TIME.format(from.atZone(zone)));
        period.put("EndTime", DATA_TIME.format(to.atZone(zone)));
        return new Packet(
                QN.format(now.atZone(zone)),
                system,
                command,
                password,
                mn,
                Packet.VERSION_2017 | Packet.ANSWER,
                null,
                null,
                Cp.of(period));
    }
}
