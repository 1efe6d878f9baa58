package io.envwatch.hj212.loggers;

import io.envwatch.district.readings.DataFlag;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.DataLogger;
import io.envwatch.hj212.packets.Packet;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a data logger's data packet says, as readings of its site: real-time data (CN 2011) by each
 * code's {@code -Rtd}, minute, hour and day data (2051, 2061, 2031) by its {@code -Avg}; the time is
 * the packet's {@code DataTime}, the district's wall clock (the standard's loggers keep local
 * time); each value in its quantity's unit, with its {@code -Flag} (N normal when absent). What
 * cannot be read is skipped with its reason, never the packet's other values.
 */
public final class LoggerReadings {
    /** The commands that carry data, and which value of each code they are read by. */
    public static final Map<String, String> DATA_COMMANDS =
            Map.of("2011", "Rtd", "2051", "Avg", "2061", "Avg", "2031", "Avg");

    private static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    private LoggerReadings() {}

    /** One value of a code, in its quantity's unit. */
    public record Value(String code, Quantity quantity, double value, long timestamp, DataFlag flag) {
        /** Whether rules may judge it: only a normal value is evidence of an exceedance. */
        public boolean normal() {
            return flag == DataFlag.N;
        }

        /** As the reading a native gateway of {@code gateway}'s would publish for {@code site}. */
        public Reading reading(String site, String gateway) {
            return new Reading(site, quantity, value, timestamp, gateway).flagged(flag);
        }
    }

    /** A code's value that was not read, and why ({@code unknown-code}, {@code bad-value}, {@code bad-flag}, {@code bad-unit}). */
    public record Skipped(String code, String reason, String detail) {}

    public record Result(List<Value> values, List<Skipped> skipped) {}

    /**
     * The values of a data packet of {@code logger}'s.
     *
     * @throws IllegalArgumentException for a packet that is no data packet or has no readable
     *     DataTime: none of its values can be placed in time
     */
    public static Result of(Packet packet, DataLogger logger, ZoneId zone) {
        String kind = DATA_COMMANDS.get(packet.cn());
        if (kind == null) {
            throw new IllegalArgumentException("CN " + packet.cn() + " carries no data");
        }
        long at = dataTime(packet, zone);
        Map<String, Quantity> quantities = logger.quantities();
        List<Value> values = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        packet.cp().pollutants().forEach((code, fields) -> {
            String text = fields.get(kind);
            if (text == null) {
                return; // this code's other values (Min, Max, Cou, ZsRtd) are not read
            }
            Quantity q = quantities.get(code);
            if (q == null) {
                skipped.add(new Skipped(
                        code, "unknown-code", "no quantity for code " + code + " of logger " + logger.mn()));
                return;
            }
            String flagText = fields.getOrDefault("Flag", "N");
            Optional<DataFlag> flag = DataFlag.fromWire(flagText);
            if (flag.isEmpty()) {
                skipped.add(new Skipped(code, "bad-flag", "flag " + flagText + " is none of N F M S D C T B"));
                return;
            }
            double number;
            try {
                number = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                skipped.add(new Skipped(code, "bad-value", code + "-" + kind + " is not a number: " + text));
                return;
            }
            String unit = logger.unit(code).orElse(q.unit());
            var factor = q.factorFrom(unit);
            if (factor.isEmpty() || !Double.isFinite(number)) {
                skipped.add(new Skipped(
                        code, factor.isEmpty() ? "bad-unit" : "bad-value", code + " in " + unit + ": " + text));
                return;
            }
            values.add(new Value(code, q, number * factor.get(), at, flag.get()));
        });
        return new Result(values, skipped);
    }

    private static long dataTime(Packet packet, ZoneId zone) {
        return dataTime(
                packet.cp().get("DataTime").orElseThrow(() -> new IllegalArgumentException("no DataTime")), zone);
    }

    /** A {@code DataTime} (yyyyMMddHHmmss on the logger's clock, {@code zone}) as epoch ms. */
    public static long dataTime(String text, ZoneId zone) {
        try {
            return LocalDateTime.parse(text, DATA_TIME).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("DataTime must be yyyyMMddHHmmss, not " + text);
        }
    }
}
