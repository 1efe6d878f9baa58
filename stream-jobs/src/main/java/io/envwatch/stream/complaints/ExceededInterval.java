package io.envwatch.stream.complaints;

import io.envwatch.district.schema.SiteRule;

/**
 * The exceeded interval that corroborated a complaint: a site, the rule, and the interval's start.
 * Carried in {@link ComplaintOutcome#exceeded} as text ({@code site|rule|start}), which is written
 * and read here only, so the outcome stays a plain Flink POJO whose checkpointed state keeps its
 * layout.
 */
public record ExceededInterval(SiteRule source, long start) {

    public static ExceededInterval parse(String text) {
        int at = text.lastIndexOf('|');
        return new ExceededInterval(SiteRule.parse(text.substring(0, at)), Long.parseLong(text.substring(at + 1)));
    }

    public String format() {
        return source.format() + "|" + start;
    }
}
