package io.socketflow.observability;

import org.jspecify.annotations.Nullable;

/**
 * Percentiles estimated from histogram buckets the way Prometheus's {@code histogram_quantile} does: find the bucket
 * the rank falls in and interpolate linearly inside it. The status page and the Grafana dashboard therefore agree.
 */
final class Percentiles {

    private Percentiles() {
    }

    /**
     * @param quantile between 0 and 1, such as 0.99
     * @param upperBounds the buckets' upper bounds, ascending
     * @param cumulativeCounts for each bucket, the observations at or below its bound
     * @param total every observation, including those above the last bound
     * @return the estimate, in the unit of the bounds; the last bound when the rank lies above it; null when there
     *     was no observation
     */
    static @Nullable Double estimate(double quantile, double[] upperBounds, double[] cumulativeCounts, double total) {
        if (total <= 0) {
            return null;
        }
        double rank = quantile * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (int i = 0; i < upperBounds.length; i++) {
            double count = cumulativeCounts[i];
            if (count >= rank && count > lowerCount) {
                return lowerBound + (upperBounds[i] - lowerBound) * (rank - lowerCount) / (count - lowerCount);
            }
            lowerBound = upperBounds[i];
            lowerCount = Math.max(lowerCount, count);
        }
        return (upperBounds.length > 0) ? upperBounds[upperBounds.length - 1] : null;
    }

}
