package io.envwatch.alerting.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.envwatch.alerting.settings.SettingsReader;
import io.envwatch.district.registry.Registry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the duty rooms work their alerts: the city duty room, and the towns' duty rooms that take
 * their towns' alerts first.
 *
 * @param acknowledgeWithin an alert the city duty room answers for, not acknowledged this long
 *     after it opened (or was handed over to the city), escalates to the city duty leader
 * @param onSceneWithin an acknowledged alert nobody reported on scene this long after escalates
 * @param reopenWithin a new incident of the same site and rule this soon after a resolution
 *     reopens the resolved alert instead of opening another
 * @param incidentLookback how far back the service looks for the job's incidents on each poll
 * @param pollEvery how often it looks
 * @param consoleUrl where people open the console (the service's public address): the link every
 *     notification ends with
 * @param townRooms the towns' duty rooms ({@code dutyRooms}); none: the city room takes every alert
 */
public record AlertSettings(
        Duration acknowledgeWithin,
        Duration onSceneWithin,
        Duration reopenWithin,
        Duration incidentLookback,
        Duration pollEvery,
        String consoleUrl,
        List<TownRoom> townRooms) {
    /** Where the console is when no address is set: this machine, the service's default port. */
    public static final String LOCAL_CONSOLE = "http://127.0.0.1:8090";

    /**
     * The {@code deadlines}, {@code reopenWithin}, {@code incidentLookback}, {@code pollEvery} and
     * {@code consoleUrl} settings.
     */
    public static AlertSettings read(SettingsReader r, Registry registry) {
        Duration acknowledge = r.duration("/deadlines/acknowledge", "PT5M");
        Duration onScene = r.duration("/deadlines/onScene", "PT30M");
        return new AlertSettings(
                acknowledge,
                onScene,
                r.duration("/reopenWithin", "PT2H"),
                r.duration("/incidentLookback", "PT24H"),
                r.duration("/pollEvery", "PT2S"),
                consoleUrl(r),
                townRooms(r, registry, onScene));
    }

    /** The rooms' towns by room id: who a town room's officers act for. */
    public Map<String, Set<String>> roomTowns() {
        Map<String, Set<String>> towns = new LinkedHashMap<>();
        townRooms.forEach(room -> towns.put(room.id(), room.towns()));
        return towns;
    }

    /**
     * {@code dutyRooms}: each town's duty room, its {@code id}, its {@code towns} (registry towns,
     * each in one room at most), its time to {@code acknowledgeWithin} and to be {@code
     * onSceneWithin} (the city's when not given) before the city takes over.
     */
    private static List<TownRoom> townRooms(SettingsReader r, Registry registry, Duration cityOnScene) {
        List<TownRoom> rooms = new ArrayList<>();
        JsonNode list = r.at("/dutyRooms");
        if (list.isMissingNode()) {
            return rooms;
        }
        if (!list.isArray()) {
            r.problem("/dutyRooms", "must be a list of town duty rooms (id, towns, acknowledgeWithin)");
            return rooms;
        }
        Set<String> ids = new HashSet<>();
        Map<String, String> roomOfTown = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String p = "/dutyRooms/" + i;
            r.onlyKeys(p, Set.of("id", "towns", "acknowledgeWithin", "onSceneWithin"));
            String id = r.text(p + "/id", true);
            if (id != null && (!SettingsReader.ID.matcher(id).matches() || TownRoom.CITY.equals(id) || !ids.add(id))) {
                r.problem(p + "/id", "must be letters, digits, '.', '_' or '-', unique, and not " + TownRoom.CITY);
            }
            Set<String> towns = new TreeSet<>();
            JsonNode given = r.at(p + "/towns");
            if (!given.isArray() || given.isEmpty()) {
                r.problem(p + "/towns", "must list the registry towns the room answers for");
            }
            for (JsonNode t : given) {
                String town = t.asText();
                if (registry.town(town).isEmpty()) {
                    r.problem(p + "/towns", "no town " + town + " in the registry");
                } else if (roomOfTown.containsKey(town)) {
                    r.problem(p + "/towns", town + " already belongs to " + roomOfTown.get(town));
                }
                roomOfTown.putIfAbsent(town, id);
                towns.add(town);
            }
            rooms.add(new TownRoom(
                    id,
                    Set.copyOf(towns),
                    r.duration(p + "/acknowledgeWithin", "PT10M"),
                    r.duration(p + "/onSceneWithin", cityOnScene.toString())));
        }
        return rooms;
    }

    private static String consoleUrl(SettingsReader r) {
        String url = r.text("/consoleUrl", false);
        if (url == null) {
            return LOCAL_CONSOLE;
        }
        if (!url.matches("https?://[^/\\s?#]+(/[^\\s?#]*)?")) {
            r.problem("/consoleUrl", "must be the console's http or https address, such as https://duty.example.cn");
        }
        return url;
    }
}
