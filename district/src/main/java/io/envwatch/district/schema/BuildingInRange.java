package io.envwatch.district.schema;

/**
 * A residential building within range of a site, as incidents and duty alerts list them
 * ({@code id@metres}, nearest first, comma-separated in {@link IncidentPoint#BUILDINGS}).
 */
public record BuildingInRange(String building, double metres) {
    private static final char SEPARATOR = '@';

    public static BuildingInRange parse(String text) {
        int at = text.lastIndexOf(SEPARATOR);
        if (at <= 0) {
            throw new IllegalArgumentException("not building@metres: " + text);
        }
        return new BuildingInRange(text.substring(0, at), Double.parseDouble(text.substring(at + 1)));
    }

    public String format() {
        return building + SEPARATOR + metres;
    }
}
