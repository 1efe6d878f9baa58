package io.envwatch.district.registry;

import io.envwatch.district.language.Language;
import io.envwatch.district.readings.Quantity;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Checks the cross references and value ranges the file format cannot express by itself. */
final class RegistryValidator {
    private final RegistryFile file;
    private final RegistryLoader.Locator locator;
    private final List<String> problems = new ArrayList<>();

    RegistryValidator(RegistryFile file, RegistryLoader.Locator locator) {
        this.file = file;
        this.locator = locator;
    }

    List<String> validate() {
        if (file.language() != null && Language.of(file.language()).isEmpty()) {
            problem(
                    "/language",
                    "unknown language " + file.language() + " (EnvWatch speaks " + String.join(", ", Language.tags())
                            + ")");
        }
        checkLocalTime();
        Set<String> towns = ids("towns", file.towns(), Town::id);
        for (int i = 0; i < size(file.towns()); i++) {
            checkPolygon(
                    "/towns/" + i + "/outline",
                    "an outline",
                    file.towns().get(i).outline());
        }
        Map<String, Team> teams = new HashMap<>();
        for (int i = 0; i < size(file.teams()); i++) {
            Team team = file.teams().get(i);
            String at = "/teams/" + i;
            if (blank(team.id())) {
                problem(at + "/id", "a team needs an id");
                continue;
            }
            if (teams.put(team.id(), team) != null) {
                problem(at + "/id", "duplicate team id " + team.id());
            }
            if (team.towns() == null || team.towns().isEmpty()) {
                problem(at, "team " + team.id() + " answers for no town");
            } else {
                for (int t = 0; t < team.towns().size(); t++) {
                    if (!towns.contains(team.towns().get(t))) {
                        problem(
                                at + "/towns/" + t,
                                "unknown town " + team.towns().get(t));
                    }
                }
            }
        }
        if (size(file.teams()) == 0) {
            problem("", "the registry lists no enforcement teams");
        }
        checkVillages(towns);
        Set<String> stations = checkRiver();
        checkSites(towns, teams, stations);
        checkBuildings(towns);
        checkLoggers();
        return problems;
    }

    private void checkLocalTime() {
        LocalTimeRules rules = file.localTime();
        if (rules == null) {
            return;
        }
        try {
            if (rules.zone() != null) {
                ZoneId.of(rules.zone());
            }
        } catch (RuntimeException e) {
            problem("/localTime/zone", "unknown time zone " + rules.zone());
        }
        for (String[] field : new String[][] {{"dayStart", rules.dayStart()}, {"nightStart", rules.nightStart()}}) {
            try {
                if (field[1] != null) {
                    LocalTime.parse(field[1]);
                }
            } catch (DateTimeParseException e) {
                problem("/localTime/" + field[0], field[0] + " must be a local time like 06:00, not " + field[1]);
            }
        }
    }

    private Set<String> checkRiver() {
        Set<String> stations = new HashSet<>();
        River river = file.river();
        if (river == null) {
            return stations;
        }
        if (river.stations() == null || river.stations().isEmpty()) {
            problem("/river", "the river lists no stations");
            return stations;
        }
        for (int i = 0; i < river.stations().size(); i++) {
            RiverStation s = river.stations().get(i);
            String at = "/river/stations/" + i;
            if (blank(s.id())) {
                problem(at, "a river station needs an id");
                continue;
            }
            if (!stations.add(s.id())) {
                problem(at + "/id", "duplicate river station id " + s.id());
            }
            checkLatLon(at, s.lat(), s.lon());
            if (s.targetClass() == null) {
                problem(at, "river station " + s.id() + " needs a targetClass (I..V)");
            } else if (s.targetClass() == WaterClass.WORSE_THAN_V) {
                problem(at + "/targetClass", "a target class must be I..V");
            }
            if (s.travelMinutesToNext() != null && s.travelMinutesToNext() < 0) {
                problem(at + "/travelMinutesToNext", "travel time cannot be negative");
            }
        }
        if (blank(river.assessmentSection())) {
            problem("/river", "the river names no assessmentSection");
        } else if (!stations.contains(river.assessmentSection())) {
            problem(
                    "/river/assessmentSection",
                    "assessment section " + river.assessmentSection() + " is not one of the river's stations");
        }
        return stations;
    }

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private void checkSites(Set<String> towns, Map<String, Team> teams, Set<String> stations) {
        if (size(file.sites()) == 0) {
            problem("", "the registry lists no sensor sites");
            return;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < file.sites().size(); i++) {
            Site site = file.sites().get(i);
            String at = "/sites/" + i;
            if (blank(site.id())) {
                problem(at, "a site needs an id");
                continue;
            }
            if (!ids.add(site.id())) {
                problem(at + "/id", "duplicate site id " + site.id());
            }
            if (!SAFE_ID.matcher(site.id()).matches()) {
                // Ids become MQTT topic levels, InfluxDB tags and the site part of "site|rule" keys.
                problem(at + "/id", "site id " + site.id() + " may hold only letters, digits, '.', '_' and '-'");
            }
            checkLatLon(at, site.lat(), site.lon());
            if (!towns.contains(site.town())) {
                problem(at + "/town", "unknown town " + site.town());
            }
            Team team = teams.get(site.team());
            if (team == null) {
                problem(at + "/team", "unknown team " + site.team());
            } else if (team.towns() != null && !team.towns().contains(site.town())) {
                problem(at + "/team", "team " + site.team() + " does not answer for town " + site.town());
            }
            if (blank(site.gateway())) {
                problem(at, "site " + site.id() + " names no gateway");
            }
            if (site.kinds() == null || site.kinds().isEmpty()) {
                problem(at, "site " + site.id() + " measures nothing: give kinds (noise, odour, water)");
                continue;
            }
            if (site.measures(SiteKind.NOISE) && site.noiseZone() == null) {
                problem(at, "noise site " + site.id() + " needs a noiseZone (0, 1, 2, 3, 4a, 4b)");
            }
            if (site.measures(SiteKind.ODOUR) && site.odourClass() == null) {
                problem(
                        at,
                        "odour site " + site.id() + " needs an odourClass (1, 2-new, 2-existing, 3-new, 3-existing)");
            }
            if (site.measures(SiteKind.WATER)) {
                if (blank(site.riverStation())) {
                    problem(at, "water site " + site.id() + " needs a riverStation");
                } else if (!stations.contains(site.riverStation())) {
                    problem(at + "/riverStation", "unknown river station " + site.riverStation());
                }
            }
            checkLimits(at, site);
        }
    }

    private void checkLimits(String at, Site site) {
        for (Map.Entry<String, Double> limit : site.limitOverrides().entrySet()) {
            String key = limit.getKey();
            boolean known = key.equals("noise.day")
                    || key.equals("noise.night")
                    || Quantity.fromWire(key).isPresent();
            if (!known) {
                problem(at + "/limits/" + key, "unknown limit " + key + " (a quantity name, noise.day or noise.night)");
            } else if (limit.getValue() == null
                    || !(limit.getValue() > 0)
                    || limit.getValue().isInfinite()) {
                problem(at + "/limits/" + key, "limit " + key + " must be a positive number");
            }
        }
    }

    private void checkLoggers() {
        Set<String> mns = new HashSet<>();
        Set<String> sites = new HashSet<>();
        for (int i = 0; i < size(file.loggers()); i++) {
            DataLogger l = file.loggers().get(i);
            String at = "/loggers/" + i;
            if (blank(l.mn()) || !l.mn().matches("[A-Za-z0-9_-]{1,24}")) {
                problem(at + "/mn", "a logger's mn is its device id: 1 to 24 letters, digits, '_' or '-'");
            } else if (!mns.add(l.mn())) {
                problem(at + "/mn", "duplicate logger mn " + l.mn());
            }
            Site site = file.sites() == null
                    ? null
                    : file.sites().stream()
                            .filter(s -> s.id() != null && s.id().equals(l.site()))
                            .findFirst()
                            .orElse(null);
            if (site == null) {
                problem(at + "/site", "unknown site " + l.site());
            } else if (!sites.add(l.site())) {
                problem(at + "/site", "site " + l.site() + " has a logger already");
            }
            if (l.system() == null || !DataLogger.SYSTEMS.containsKey(l.system())) {
                problem(at + "/system", "system must be one of " + new java.util.TreeMap<>(DataLogger.SYSTEMS));
            }
            if ((l.password() == null) == (l.passwordEnv() == null)) {
                problem(at, "give the logger's password as passwordEnv (or password, for a sample), one of them");
            } else if (l.password() != null && !l.password().matches("[\\x21-\\x7E&&[^;=&,]]{1,16}")) {
                problem(at + "/password", "a password is 1 to 16 printable characters, none of ; = & ,");
            }
            if (l.reads() != null
                    && !List.of(DataLogger.REALTIME, DataLogger.MINUTE).contains(l.reads())) {
                problem(at + "/reads", "reads is realtime (CN 2011) or minute (CN 2051), not " + l.reads());
            }
            if (l.codes() != null) {
                l.codes().forEach((code, quantity) -> {
                    Optional<Quantity> q = Quantity.fromWire(quantity);
                    if (!code.matches("[A-Za-z0-9]{1,8}")) {
                        problem(at + "/codes/" + code, "a pollutant code is 1 to 8 letters or digits");
                    } else if (q.isEmpty()) {
                        problem(at + "/codes/" + code, "unknown quantity " + quantity);
                    } else if (site != null && !site.measures(q.get().kind())) {
                        problem(at + "/codes/" + code, "site " + site.id() + " does not measure " + quantity);
                    }
                });
            }
            if (l.units() != null) {
                l.units().forEach((code, unit) -> {
                    Quantity q = l.quantities().get(code);
                    if (q == null) {
                        problem(at + "/units/" + code, "no quantity for code " + code + " (codes)");
                    } else if (q.factorFrom(unit).isEmpty()) {
                        problem(at + "/units/" + code, q.wireName() + " does not come in " + unit);
                    }
                });
            }
        }
    }

    /** A village: an id of its own, a name, a known town, and an outline or a centre and a radius. */
    private void checkVillages(Set<String> towns) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < size(file.villages()); i++) {
            Village v = file.villages().get(i);
            String at = "/villages/" + i;
            if (blank(v.id())) {
                problem(at, "a village needs an id");
                continue;
            }
            if (!ids.add(v.id())) {
                problem(at + "/id", "duplicate village id " + v.id());
            }
            if (blank(v.name())) {
                problem(at + "/name", "village " + v.id() + " needs a name");
            }
            if (v.town() == null || !towns.contains(v.town())) {
                problem(at + "/town", "unknown town " + v.town());
            }
            boolean outline = v.outline() != null;
            boolean circle = v.centre() != null || v.radius() != null;
            if (outline == circle) {
                problem(at, "give village " + v.id() + " an outline, or a centre and a radius (one of them)");
            } else if (outline) {
                checkPolygon(at + "/outline", "an outline", v.outline());
            } else if (v.centre() == null
                    || v.centre().size() != 2
                    || v.centre().contains(null)) {
                problem(at + "/centre", "a centre is [lat, lon]");
            } else if (v.radius() == null || !(v.radius() > 0 && v.radius() <= 20_000)) {
                problem(at + "/radius", "a radius is 1 to 20000 metres");
            } else {
                checkLatLon(at + "/centre", v.centre().get(0), v.centre().get(1));
            }
        }
    }

    private void checkBuildings(Set<String> towns) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < size(file.buildings()); i++) {
            Building b = file.buildings().get(i);
            String at = "/buildings/" + i;
            if (blank(b.id())) {
                problem(at, "a building needs an id");
                continue;
            }
            if (!ids.add(b.id())) {
                problem(at + "/id", "duplicate building id " + b.id());
            }
            if (b.town() != null && !towns.contains(b.town())) {
                problem(at + "/town", "unknown town " + b.town());
            }
            checkLatLon(at, b.lat(), b.lon());
            checkPolygon(at + "/footprint", "a footprint", b.footprint());
        }
    }

    /** A shape of [lat, lon] corners (a footprint, an outline), when given. */
    private void checkPolygon(String at, String what, List<List<Double>> corners) {
        if (corners == null) {
            return;
        }
        if (corners.size() < 3) {
            problem(at, what + " needs at least 3 corners");
        }
        for (int c = 0; c < corners.size(); c++) {
            List<Double> corner = corners.get(c);
            if (corner == null || corner.size() != 2 || corner.contains(null)) {
                problem(at + "/" + c, "a corner is [lat, lon]");
            } else {
                checkLatLon(at + "/" + c, corner.get(0), corner.get(1));
            }
        }
    }

    private <T> Set<String> ids(String list, List<T> items, Function<T, String> id) {
        Set<String> ids = new HashSet<>();
        if (size(items) == 0) {
            problem("", "the registry lists no " + list);
            return ids;
        }
        for (int i = 0; i < items.size(); i++) {
            String value = id.apply(items.get(i));
            if (blank(value)) {
                problem("/" + list + "/" + i, "an entry of " + list + " needs an id");
            } else if (!ids.add(value)) {
                problem("/" + list + "/" + i + "/id", "duplicate id " + value + " in " + list);
            }
        }
        return ids;
    }

    private void checkLatLon(String at, double lat, double lon) {
        if (!(lat >= -90 && lat <= 90)) {
            problem(at + "/lat", "latitude " + lat + " is outside -90..90");
        }
        if (!(lon >= -180 && lon <= 180)) {
            problem(at + "/lon", "longitude " + lon + " is outside -180..180");
        }
    }

    private void problem(String pointer, String message) {
        problems.add(locator.at(pointer) + ": " + message);
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
