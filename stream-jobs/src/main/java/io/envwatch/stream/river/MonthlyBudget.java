package io.envwatch.stream.river;

/**
 * The month-end arithmetic of a section judged on the mean of its samples. With {@code n} samples
 * summing to {@code s} so far and {@code r} still expected, the month passes if
 * {@code (s + rest) / (n + r) <= limit}, so the rest may average at most
 * {@code (limit·(n + r) - s) / r}: the remaining budget.
 */
public final class MonthlyBudget {
    private MonthlyBudget() {}

    public static double remaining(double limit, double sum, double samples, double expectedRemaining) {
        if (expectedRemaining <= 0) {
            return Double.NaN;
        }
        return (limit * (samples + expectedRemaining) - sum) / expectedRemaining;
    }
}
