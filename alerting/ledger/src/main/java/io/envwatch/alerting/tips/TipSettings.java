package io.envwatch.alerting.tips;

import io.envwatch.alerting.intake.IntakeLimits;
import java.util.List;
import java.util.Optional;

/**
 * Rewarded tips: the violation classes and their rewards, the key tips are sealed with, and how
 * many wrong claim codes one address may try.
 */
public record TipSettings(List<TipClass> classes, byte[] key, IntakeLimits wrongCodes) {

    /** A serious violation class and the reward a substantiated tip of it earns, in yuan. */
    public record TipClass(String id, String name, double reward) {}

    public Optional<TipClass> tipClass(String id) {
        return classes.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
