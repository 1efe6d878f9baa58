package io.envwatch.district.schema;

/**
 * A site and the rule judging it: the key of an incident, and the text {@code site|rule} by which
 * repeat cases name the exceedances about them ({@link RepeatCasePoint#INCIDENTS}).
 */
public record SiteRule(String site, String rule) {
    private static final char SEPARATOR = '|';

    /** Site ids never hold the separator (docs/site-registry.md), so the first one splits. */
    public static SiteRule parse(String text) {
        int at = text.indexOf(SEPARATOR);
        if (at <= 0 || at == text.length() - 1) {
            throw new IllegalArgumentException("not site|rule: " + text);
        }
        return new SiteRule(text.substring(0, at), text.substring(at + 1));
    }

    public String format() {
        return site + SEPARATOR + rule;
    }

    @Override
    public String toString() {
        return format();
    }
}
