package io.envwatch.district.schema;

/** How far back a measurement's readers look: the least retention its database may have. */
final class Retention {
    static final String FOREVER_EVENTS = "all of it: the duty service rebuilds its alert book from every event";
    static final String YEAR = "400 days: boards compare a month with the same month a year earlier";
    static final String MONTHS = "62 days: the duty service and boards look back over a repeat period and more";
    static final String DAYS = "31 days: boards and the duty service show recent days";

    private Retention() {}
}
