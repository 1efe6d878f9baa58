package io.envwatch.district.registry;

import io.envwatch.district.language.Language;
import io.envwatch.district.limits.RegulatoryDefaults;
import io.envwatch.district.limits.RuleSettings;
import io.envwatch.district.limits.SiteLimits;
import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The district as data: towns, enforcement teams, sensor sites, residential buildings and the
 * river network. Built only by {@link RegistryLoader}, which validates it; immutable, and shipped
 * inside every Flink function that needs it as its source text, one copy per JVM ({@link Shipped}).
 */
public final class Registry implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Language language;
    private final LocalTimeRules localTime;
    private final List<Town> towns;
    private final List<Village> villages;
    private final List<Team> teams;
    private final List<Site> sites;
    private final List<Building> buildings;
    private final River river;
    private final List<DataLogger> loggers;
    private final Map<String, Site> sitesById;
    private final Map<String, Team> teamsById;
    private final Map<String, RiverStation> stationsById;
    private final SiteLimits limits;
    private final RuleSettings rules;
    private final Shipped shipped;

    Registry(RegistryFile file, RegulatoryDefaults table, RuleSettings rules, Shipped shipped) {
        this.shipped = shipped;
        this.limits = new SiteLimits(table);
        this.rules = rules;
        this.language = file.language() == null
                ? Language.EN
                : Language.of(file.language()).orElseThrow();
        this.localTime = file.localTime() == null ? LocalTimeRules.DEFAULT : file.localTime();
        this.towns = List.copyOf(file.towns());
        this.villages = file.villages() == null ? List.of() : List.copyOf(file.villages());
        this.teams = List.copyOf(file.teams());
        this.sites = List.copyOf(file.sites());
        this.buildings = file.buildings() == null ? List.of() : List.copyOf(file.buildings());
        this.river = file.river();
        this.loggers = file.loggers() == null ? List.of() : List.copyOf(file.loggers());
        this.sitesById = index(sites, Site::id);
        this.teamsById = index(teams, Team::id);
        this.stationsById = river == null ? Map.of() : index(river.stations(), RiverStation::id);
    }

    /** Serialised as its deflated text, and deserialised as the one registry of that text in the JVM ({@link Shipped}). */
    @Serial
    private Object writeReplace() {
        return shipped;
    }

    /** The size of a serialised copy's payload, in bytes. */
    public int shippedBytes() {
        return shipped.size();
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> id) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(item -> map.put(id.apply(item), item));
        return map;
    }

    /** The limit of any site and quantity, from the shipped table and the site's overrides. */
    public SiteLimits limits() {
        return limits;
    }

    /** How rules judge (intervals, persistence, hysteresis), with the registry's overrides applied. */
    public RuleSettings rules() {
        return rules;
    }

    /** The language the district speaks to its people in, where a person has chosen none. */
    public Language language() {
        return language;
    }

    public LocalTimeRules localTime() {
        return localTime;
    }

    public List<Town> towns() {
        return towns;
    }

    public List<Team> teams() {
        return teams;
    }

    public List<Site> sites() {
        return sites;
    }

    /** The data loggers that report over HJ 212, each for one site. */
    public List<DataLogger> loggers() {
        return loggers;
    }

    /** The logger of a device id (MN), if the registry has it. */
    public Optional<DataLogger> logger(String mn) {
        return loggers.stream().filter(l -> l.mn().equals(mn)).findFirst();
    }

    public List<Building> buildings() {
        return buildings;
    }

    public Optional<River> river() {
        return Optional.ofNullable(river);
    }

    public Optional<Site> site(String id) {
        return Optional.ofNullable(sitesById.get(id));
    }

    public Optional<Building> building(String id) {
        return buildings().stream().filter(b -> b.id().equals(id)).findFirst();
    }

    /** The town with this id, as the registry spells it; empty for anything else. */
    public List<Village> villages() {
        return villages;
    }

    public Optional<Village> village(String id) {
        return villages.stream().filter(v -> v.id().equals(id)).findFirst();
    }

    /**
     * The village a point lies in: one of {@code town}'s when the town is known (a point on a
     * border belongs to the town it was reported in), else any; the first listed when areas overlap.
     */
    public Optional<Village> villageAt(String town, double lat, double lon) {
        return villages.stream()
                .filter(v -> town == null || town.equals(v.town()))
                .filter(v -> v.contains(lat, lon))
                .findFirst();
    }

    /** The village of a site or a building, by where it stands; empty for an unknown place or one in no village. */
    public Optional<Village> villageOf(String place) {
        Optional<Site> site = site(place);
        if (site.isPresent()) {
            return villageAt(site.get().town(), site.get().lat(), site.get().lon());
        }
        return building(place).flatMap(b -> villageAt(b.town(), b.lat(), b.lon()));
    }

    public Optional<Town> town(String id) {
        return towns().stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public Optional<Team> team(String id) {
        return Optional.ofNullable(teamsById.get(id));
    }

    public Optional<RiverStation> station(String id) {
        return Optional.ofNullable(stationsById.get(id));
    }
}
