package io.socketflow.observability;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MeterClockTest {

    private final MeterClock.CoarseWallClock clock = new MeterClock.CoarseWallClock();

    @AfterEach
    void stopTicker() {
        clock.destroy();
    }

    @Test
    void wallTimeMovesWithTheSystemClock() {
        long resolution = MeterClock.WALL_TIME_RESOLUTION_MILLIS;
        long start = clock.wallTime();
        await().atMost(Duration.ofMillis(5 * resolution)).until(() -> clock.wallTime() >= start + resolution / 2);
        assertThat(clock.wallTime()).isBetween(System.currentTimeMillis() - 2 * resolution, System.currentTimeMillis());
    }

    @Test
    void durationsAreMeasuredWithTheMonotonicClock() {
        long before = System.nanoTime();
        long reading = clock.monotonicTime();
        assertThat(reading).isBetween(before, System.nanoTime());
    }

}
