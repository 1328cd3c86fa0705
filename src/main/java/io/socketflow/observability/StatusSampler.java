package io.socketflow.observability;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import io.micrometer.core.instrument.MeterRegistry;

import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import io.socketflow.transport.ServiceListener;

/**
 * Samples every listener's meters once a second and keeps the last minute, so {@code /api/status} can report rates,
 * trends and recent percentiles without keeping anything per caller: any number of pages and scripts may poll it.
 */
@Component
class StatusSampler implements SmartLifecycle {

    static final Duration INTERVAL = Duration.ofSeconds(1);

    /** Seconds of history kept: the sparklines' width and the window of the percentiles. */
    static final int HISTORY_SECONDS = 60;

    /** The window of the rates shown as numbers: long enough to be steady, short enough to follow a change. */
    static final Duration RATE_WINDOW = Duration.ofSeconds(10);

    /** The order of SPEC §2: uppercase, bytecount, chat; then anything else by name. */
    private static final List<String> SERVICE_ORDER = List.of("uppercase", "bytecount", "chat");

    private static final Comparator<ServiceListener> DISPLAY_ORDER = Comparator
            .<ServiceListener>comparingInt(listener -> {
                int index = SERVICE_ORDER.indexOf(listener.id().service());
                return (index >= 0) ? index : SERVICE_ORDER.size();
            })
            .thenComparing(listener -> listener.id().service())
            .thenComparing(listener -> listener.id().transport());

    private final List<ServiceListener> listeners;

    private final MeterRegistry registry;

    private final TaskScheduler scheduler;

    private volatile List<ListenerTrack> tracks = List.of();

    private @Nullable ScheduledFuture<?> sampling;

    StatusSampler(List<ServiceListener> listeners, MeterRegistry registry, TaskScheduler scheduler) {
        this.listeners = listeners;
        this.registry = registry;
        this.scheduler = scheduler;
    }

    /** Every listener's track, in display order. */
    List<ListenerTrack> tracks() {
        return tracks;
    }

    MeterRegistry registry() {
        return registry;
    }

    void sample() {
        long now = System.nanoTime();
        tracks.forEach(track -> track.record(now));
    }

    @Override
    public synchronized void start() {
        if (tracks.isEmpty()) {
            tracks = listeners.stream()
                    .sorted(DISPLAY_ORDER)
                    .map(listener -> new ListenerTrack(listener, ListenerMeters.find(registry, listener.id()),
                            HISTORY_SECONDS + 1))
                    .toList();
        }
        sampling = scheduler.scheduleAtFixedRate(this::sample, INTERVAL);
    }

    @Override
    public synchronized void stop() {
        if (sampling != null) {
            sampling.cancel(false);
            sampling = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return sampling != null;
    }

}
