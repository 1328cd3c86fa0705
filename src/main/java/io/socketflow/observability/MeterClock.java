package io.socketflow.observability;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Clock;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The meters' clock: durations from {@link System#nanoTime()} as always, the wall time from a field refreshed every
 * {@value #WALL_TIME_RESOLUTION_MILLIS} ms. Micrometer reads the wall time on every timer record only to rotate the
 * windows of maxima and histograms (tens of seconds wide), and with five timers per request those reads were 5 % of
 * the server's CPU under pipelined load. A second is plenty for such windows, and a ticker that wakes once a second
 * interrupts the event loops less (each wake-up can preempt one on a small machine, and at ten a second the ticker was
 * a tenth of the JVM's own background CPU under UDP load).
 */
@Configuration(proxyBeanMethods = false)
class MeterClock {

    static final long WALL_TIME_RESOLUTION_MILLIS = 1000;

    @Bean
    CoarseWallClock micrometerClock() {
        return new CoarseWallClock();
    }

    static final class CoarseWallClock implements Clock, DisposableBean {

        private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "socketflow-meter-clock");
            thread.setDaemon(true);
            return thread;
        });

        private volatile long wallTime = System.currentTimeMillis();

        CoarseWallClock() {
            ticker.scheduleAtFixedRate(() -> wallTime = System.currentTimeMillis(), WALL_TIME_RESOLUTION_MILLIS,
                    WALL_TIME_RESOLUTION_MILLIS, TimeUnit.MILLISECONDS);
        }

        @Override
        public long wallTime() {
            return wallTime;
        }

        @Override
        public long monotonicTime() {
            return System.nanoTime();
        }

        @Override
        public void destroy() {
            ticker.shutdownNow();
        }

    }

}
