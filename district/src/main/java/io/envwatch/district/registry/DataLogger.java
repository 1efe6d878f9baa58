package io.envwatch.district.registry;

import io.envwatch.district.readings.Quantity;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A data logger (数采仪) that reports one site's readings over HJ 212-2017 (docs/hj212.md): its
 * {@code mn} (the standard's device id), the site it measures, its system code {@code system} (ST:
 * 21 surface water, 22 ambient air, 23 noise, 31 air pollution source, 32 surface-water pollution
 * source), its password (from the environment variable {@code passwordEnv}; {@code password}
 * inline only in the sample), and which of its pollutant codes is which EnvWatch quantity
 * ({@code codes}, over the standard's codes EnvWatch knows) in which unit ({@code units}, the
 * quantity's own by default), and which of its data become readings as they come ({@code reads}:
 * {@code realtime}, CN 2011, the default; or {@code minute}, CN 2051). Only one kind is read live:
 * a logger sending both would count the same minutes twice in an energy average.
 */
public record DataLogger(
        String mn,
        String site,
        Integer system,
        String password,
        String passwordEnv,
        Map<String, String> codes,
        Map<String, String> units,
        String reads)
        implements Serializable {
    public static final String REALTIME = "realtime";
    public static final String MINUTE = "minute";

    /** The command of the data read as it comes: 2011 (real-time) or 2051 (minute). */
    public String liveCommand() {
        return MINUTE.equals(reads) ? "2051" : "2011";
    }

    /**
     * The logger's password: inline, or from the environment variable named.
     *
     * @throws IllegalStateException when the variable is not set: the gateway cannot check this logger
     */
    public String password(Function<String, String> environment) {
        if (password != null) {
            return password;
        }
        String value = environment.apply(passwordEnv);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("the password of logger " + mn + " is to be in the environment variable "
                    + passwordEnv + ", which is not set");
        }
        return value;
    }

    /** The standard's codes EnvWatch knows, and their quantities: values in the quantity's own unit. */
    public static final Map<String, Quantity> KNOWN_CODES = Map.of(
            "LA", Quantity.NOISE,
            "w21011", Quantity.TP,
            "a21028", Quantity.H2S,
            "a21001", Quantity.NH3);

    /** The system codes a logger may give (ST), by what they monitor. */
    public static final Map<Integer, String> SYSTEMS = Map.of(
            21, "surface water",
            22, "ambient air",
            23, "noise",
            31, "air pollution source",
            32, "surface-water pollution source");

    /** Every code this logger reports that EnvWatch reads, and its quantity. */
    public Map<String, Quantity> quantities() {
        Map<String, Quantity> all = new LinkedHashMap<>(KNOWN_CODES);
        if (codes != null) {
            codes.forEach((code, quantity) -> Quantity.fromWire(quantity).ifPresent(q -> all.put(code, q)));
        }
        return all;
    }

    /** The unit a code's values come in: as the registry says, else its quantity's own. */
    public Optional<String> unit(String code) {
        Quantity q = quantities().get(code);
        if (q == null) {
            return Optional.empty();
        }
        return Optional.of(units != null && units.containsKey(code) ? units.get(code) : q.unit());
    }
}
