package io.envwatch.district.readings;

import java.util.Objects;

/**
 * One validated measurement, in the quantity's canonical unit. A Flink POJO (public fields, no-arg
 * constructor) so it travels through the job without Kryo.
 */
public class Reading {
    public String site;
    public String quantity;
    public double value;
    public String unit;
    /** Event time, epoch milliseconds. */
    public long timestamp;

    public String gateway;

    /**
     * The instrument's {@link DataFlag} when not normal, else null: only a normal reading is
     * evidence the rules judge; the others are stored with their flag.
     */
    public String flag;

    public Reading() {}

    public Reading(String site, Quantity quantity, double value, long timestamp, String gateway) {
        this.site = site;
        this.quantity = quantity.wireName();
        this.value = value;
        this.unit = quantity.unit();
        this.timestamp = timestamp;
        this.gateway = gateway;
    }

    /** This reading flagged {@code f}; normal is kept as no flag. */
    public Reading flagged(DataFlag f) {
        flag = f == DataFlag.N ? null : f.name();
        return this;
    }

    /** Whether the rules may judge it ({@link DataFlag#isEvidence}). */
    public boolean evidence() {
        return DataFlag.isEvidence(flag);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Reading r)) {
            return false;
        }
        return Double.compare(r.value, value) == 0
                && timestamp == r.timestamp
                && Objects.equals(site, r.site)
                && Objects.equals(quantity, r.quantity)
                && Objects.equals(unit, r.unit)
                && Objects.equals(gateway, r.gateway)
                && Objects.equals(flag, r.flag);
    }

    @Override
    public int hashCode() {
        return Objects.hash(site, quantity, value, unit, timestamp, gateway);
    }

    @Override
    public String toString() {
        return site + "/" + quantity + "=" + value + unit + "@" + timestamp + (flag == null ? "" : " flag " + flag);
    }
}
