package io.envwatch.district.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The registry file as written by people, before validation. */
record RegistryFile(
        Integer version,
        String language,
        LocalTimeRules localTime,
        List<Town> towns,
        List<Village> villages,
        List<Team> teams,
        List<Site> sites,
        List<Building> buildings,
        River river,
        List<DataLogger> loggers,
        JsonNode rules) {}
