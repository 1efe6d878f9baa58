package io.envwatch.alerting.console;

import io.envwatch.alerting.alerts.Alert;
import io.envwatch.alerting.alerts.AlertBook;
import io.envwatch.alerting.alerts.Severities;
import io.envwatch.district.registry.Building;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.Site;
import io.envwatch.district.registry.SiteKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * What the console draws ({@code GET /api/v1/map}): sites with the severity of their worst active
 * alert, and residential buildings with their footprints. No tiles: the duty room's machines may
 * have no internet, so the map is these shapes on a plain background.
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
                JsonArray ring = new JsonArray();
                b.footprint().forEach(corner -> ring.add(new JsonArray(corner)));
                json.put("footprint", ring);
            }
            buildings.add(json);
        }
        return new JsonObject().put("sites", sites).put("buildings", buildings);
    }
}
