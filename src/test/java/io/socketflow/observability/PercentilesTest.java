package io.socketflow.observability;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Percentiles from histogram buckets, interpolated inside the bucket as Prometheus's {@code histogram_quantile} does.
 */
class PercentilesTest {

    private static final double[] BOUNDS = { 0.1, 0.25, 0.5, 1 };

    @Test
    void noObservationsHaveNoPercentile() {
        assertThat(Percentiles.estimate(0.5, BOUNDS, new double[4], 0)).isNull();
    }

    @Test
    void theRankIsInterpolatedInsideItsBucket() {
        // 100 observations: 40 up to 0.1, 40 more up to 0.25, 20 more up to 0.5.
        double[] cumulative = { 40, 80, 100, 100 };
        assertThat(Percentiles.estimate(0.5, BOUNDS, cumulative, 100)).isCloseTo(0.1 + 0.15 * 10 / 40, within(1e-9));
        assertThat(Percentiles.estimate(0.99, BOUNDS, cumulative, 100)).isCloseTo(0.25 + 0.25 * 19 / 20, within(1e-9));
    }

    @Test
    void theFirstBucketIsInterpolatedFromZero() {
        assertThat(Percentiles.estimate(0.5, BOUNDS, new double[] { 10, 10, 10, 10 }, 10)).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void aRankAboveTheLastBoundGivesTheLastBound() {
        assertThat(Percentiles.estimate(0.99, BOUNDS, new double[] { 1, 1, 1, 1 }, 10)).isEqualTo(1.0);
    }

    @Test
    void emptyBucketsBelowTheRankAreSkipped() {
        assertThat(Percentiles.estimate(0.5, BOUNDS, new double[] { 0, 0, 4, 4 }, 4)).isCloseTo(0.375, within(1e-9));
    }

}
