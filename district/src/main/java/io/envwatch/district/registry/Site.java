package io.envwatch.district.registry;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A sensor site. {@code gateway} is the only gateway allowed to report for it, so a reading for
 * this site arriving on another gateway's topic is refused. {@code boundary} marks a factory
 * boundary point (GB 12348), {@code indoor} a point inside a sensitive building (limits 10 dB
 * lower). {@code limits} overrides the standard's figures for this site, by quantity name or
 * {@code noise.day}/{@code noise.night}. {@code facility} and {@code industry} name the plant a
 * boundary site watches; {@code phosphorusDischarger} marks plants (electroplating, metal surface
 * treatment) that are suspects when phosphorus rises downstream. {@code owner} is the enterprise
 * answerable for the site, whose environmental credit rating its record counts towards.
 */
public record Site(
        String id,
        String name,
        List<SiteKind> kinds,
        double lat,
        double lon,
        String town,
        String team,
        String gateway,
        NoiseZone noiseZone,
        Boolean boundary,
        Boolean indoor,
        OdourClass odourClass,
        String riverStation,
        Map<String, Double> limits,
        String facility,
        String industry,
        Boolean phosphorusDischarger,
        String owner)
        implements Serializable {

    public boolean measures(SiteKind kind) {
        return kinds != null && kinds.contains(kind);
    }

    public boolean isBoundary() {
        return Boolean.TRUE.equals(boundary);
    }

    public boolean isIndoor() {
        return Boolean.TRUE.equals(indoor);
    }

    public boolean dischargesPhosphorus() {
        return Boolean.TRUE.equals(phosphorusDischarger);
    }

    public Map<String, Double> limitOverrides() {
        return limits == null ? Map.of() : limits;
    }
}
