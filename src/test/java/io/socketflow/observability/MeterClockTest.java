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
        long start = clock.wallTime();
        await().atMost(Duration.ofSeconds(2)).until(() -> clock.wallTime() >= start + 50);
        assertThat(clock.wallTime()).isBetween(System.currentTimeMillis() - 1000, System.currentTimeMillis());
    }

    @Test
    void durationsAreMeasuredWithTheMonotonicClock() {
        long before = System.nanoTime();
        long reading = clock.monotonicTime();
        assertThat(reading).isBetween(before, System.nanoTime());
    }

}
