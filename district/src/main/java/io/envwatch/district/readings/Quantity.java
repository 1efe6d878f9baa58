package io.envwatch.district.readings;

import io.envwatch.district.registry.SiteKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a reading measures, its canonical unit, the units accepted on the wire (with the factor to
 * the canonical one) and the physically possible range. Values outside that range are sensor or
 * gateway faults, not pollution, and are refused rather than alarmed on.
 */
public enum Quantity {
    NOISE("noise", SiteKind.NOISE, "dB(A)", Map.of("dB(A)", 1.0, "dBA", 1.0, "dB", 1.0), 0, 194, 1),
    ODOUR("odour", SiteKind.ODOUR, "1", Map.of("1", 1.0, "OU", 1.0, "ou", 1.0), 0, 1_000_000, 0),
    H2S("h2s", SiteKind.ODOUR, "mg/m3", mass(), 0, 1_000, 3),
    NH3("nh3", SiteKind.ODOUR, "mg/m3", mass(), 0, 10_000, 3),
    TRIMETHYLAMINE("trimethylamine", SiteKind.ODOUR, "mg/m3", mass(), 0, 1_000, 3),
    METHYL_MERCAPTAN("methyl_mercaptan", SiteKind.ODOUR, "mg/m3", mass(), 0, 1_000, 3),
    DIMETHYL_SULFIDE("dimethyl_sulfide", SiteKind.ODOUR, "mg/m3", mass(), 0, 1_000, 3),
    DIMETHYL_DISULFIDE("dimethyl_disulfide", SiteKind.ODOUR, "mg/m3", mass(), 0, 1_000, 3),
    CS2("cs2", SiteKind.ODOUR, "mg/m3", mass(), 0, 10_000, 3),
    STYRENE("styrene", SiteKind.ODOUR, "mg/m3", mass(), 0, 10_000, 3),
    TP(
            "tp",
            SiteKind.WATER,
            "mg/L",
            Map.of("mg/L", 1.0, "mg/l", 1.0, "ug/L", 0.001, "µg/L", 0.001, "μg/L", 0.001),
            0,
            100,
            3);

    private final String wireName;
    private final SiteKind kind;
    private final String unit;
    private final Map<String, Double> acceptedUnits;
    private final double min;
    private final double max;
    private final int decimals;

    /** @param decimals how many decimals a person is shown: the precision the standards and sensors carry */
    Quantity(
            String wireName,
            SiteKind kind,
            String unit,
            Map<String, Double> acceptedUnits,
            double min,
            double max,
            int decimals) {
        this.wireName = wireName;
        this.kind = kind;
        this.unit = unit;
        this.acceptedUnits = acceptedUnits;
        this.min = min;
        this.max = max;
        this.decimals = decimals;
    }

    public int decimals() {
        return decimals;
    }

    /**
     * A value as a person reads it: at this quantity's precision, with its unit ("72.5 dB(A)",
     * "0.120 mg/L"). Values are stored at full precision; only text for people is rounded.
     */
    public String format(double value) {
        if (!Double.isFinite(value)) {
            return "-";
        }
        String number = BigDecimal.valueOf(value)
                .setScale(decimals, RoundingMode.HALF_UP)
                .toPlainString();
        return "1".equals(unit) ? number : number + " " + unit;
    }

    /** {@link #format} for a quantity named on the wire; an unknown name shows the value to three decimals. */
    public static String format(String wireName, double value) {
        return fromWire(wireName)
                .map(q -> q.format(value))
                .orElseGet(() -> Double.isFinite(value)
                        ? BigDecimal.valueOf(value)
                                .setScale(3, RoundingMode.HALF_UP)
                                .toPlainString()
                        : "-");
    }

    private static Map<String, Double> mass() {
        return Map.of("mg/m3", 1.0, "mg/m³", 1.0, "ug/m3", 0.001, "µg/m3", 0.001, "μg/m3", 0.001, "µg/m³", 0.001);
    }

    public String wireName() {
        return wireName;
    }

    public SiteKind kind() {
        return kind;
    }

    /** The canonical unit every stored value is in. */
    public String unit() {
        return unit;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** Factor that turns a value in {@code wireUnit} into the canonical unit, if the unit is known. */
    public Optional<Double> factorFrom(String wireUnit) {
        return Optional.ofNullable(acceptedUnits.get(wireUnit));
    }

    public static Optional<Quantity> fromWire(String name) {
        if (name == null) {
            return Optional.empty();
        }
        // Asked for every reading decoded and stored: the exact wire name is the common case.
        Quantity exact = BY_WIRE_NAME.get(name);
        return exact != null
                ? Optional.of(exact)
                : Optional.ofNullable(BY_WIRE_NAME.get(name.toLowerCase(Locale.ROOT)));
    }

    private static final Map<String, Quantity> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Quantity::wireName, q -> q));
}
