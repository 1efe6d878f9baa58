package io.envwatch.alerting.console;

import io.envwatch.alerting.alerts.Alert;
import io.envwatch.alerting.alerts.AlertBook;
import io.envwatch.alerting.alerts.Severities;
import io.envwatch.district.registry.Building;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RiverStation;
import io.envwatch.district.registry.Site;
import io.envwatch.district.registry.SiteKind;
import io.envwatch.district.registry.Town;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * What the console draws ({@code GET /api/v1/map}): the towns with their outlines and teams, the
 * river through its stations, sites with the severity of their worst active alert, and residential
 * buildings with their footprints. No tiles: the duty room's machines may have no internet, so the
 * map is these shapes on a plain background, named from the registry.
 */
public final class DistrictMap {
    private DistrictMap() {}

    public static JsonObject of(Registry registry, AlertBook book) {
        Map<String, List<Alert>> open = book.activeBySite();
        JsonArray sites = new JsonArray();
        for (Site s : registry.sites()) {
            sites.add(new JsonObject()
                    .put("id", s.id())
                    .put("name", s.name())
                    .put("town", s.town())
                    .put("lat", s.lat())
                    .put("lon", s.lon())
                    .put(
                            "kinds",
                            new JsonArray(
                                    s.kinds().stream().map(SiteKind::wireName).toList()))
                    .put(
                            "alert",
                            open.containsKey(s.id())
                                    ? Severities.LEVELS.get(Severities.worstRank(open.get(s.id())) - 1)
                                    : null));
        }
        JsonArray buildings = new JsonArray();
        for (Building b : registry.buildings()) {
            JsonObject json = new JsonObject()
                    .put("id", b.id())
                    .put("name", b.name())
                    .put("town", b.town())
                    .put("lat", b.lat())
                    .put("lon", b.lon());
            if (b.footprint() != null) {
                json.put("footprint", corners(b.footprint()));
            }
            buildings.add(json);
        }
        JsonArray towns = new JsonArray();
        for (Town t : registry.towns()) {
            JsonObject json = new JsonObject().put("id", t.id()).put("name", t.name());
            if (t.outline() != null) {
                json.put("outline", corners(t.outline()));
            }
            towns.add(json);
        }
        JsonArray teams = new JsonArray();
        registry.teams()
                .forEach(t -> teams.add(new JsonObject().put("id", t.id()).put("name", t.name())));
        JsonObject map = new JsonObject()
                .put("towns", towns)
                .put("teams", teams)
                .put("sites", sites)
                .put("buildings", buildings);
        registry.river().ifPresent(r -> {
            JsonArray stations = new JsonArray();
            for (RiverStation s : r.stations()) {
                stations.add(new JsonObject()
                        .put("id", s.id())
                        .put("name", s.name())
                        .put("lat", s.lat())
                        .put("lon", s.lon())
                        .put(
                                "targetClass",
                                s.targetClass() == null ? null : s.targetClass().wireName()));
            }
            map.put(
                    "river",
                    new JsonObject()
                            .put("id", r.id())
                            .put("name", r.name())
                            .put("assessmentSection", r.assessmentSection())
                            .put("stations", stations));
        });
        return map;
    }

    private static JsonArray corners(List<List<Double>> corners) {
        JsonArray ring = new JsonArray();
        corners.forEach(corner -> ring.add(new JsonArray(corner)));
        return ring;
    }
}
