package io.socketflow.observability;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;

import org.jspecify.annotations.Nullable;

import io.socketflow.transport.ListenerId;
import io.socketflow.transport.ListenerObserver;

/**
 * The {@code socketflow.*} meters of one listener, as {@link SocketflowMeters} registered them. A meter is null when
 * metrics are turned off ({@code management.metrics.enable.socketflow=false}).
 */
record ListenerMeters(Tags tags, @Nullable Counter messagesReceived, @Nullable Counter messagesSent,
        @Nullable Counter bytesReceived, @Nullable Counter bytesSent, @Nullable Timer processing) {

    static ListenerMeters find(MeterRegistry registry, ListenerId id) {
        Tags tags = Tags.of("service", id.service(), "transport", id.transport().label());
        return new ListenerMeters(tags, counter(registry, "socketflow.messages.received", tags),
                counter(registry, "socketflow.messages.sent", tags), counter(registry, "socketflow.bytes.received", tags),
                counter(registry, "socketflow.bytes.sent", tags),
                registry.find("socketflow.message.processing").tags(tags).timer());
    }

    /** Whether the traffic meters exist: false when socketflow metrics are turned off. */
    boolean present() {
        return messagesReceived != null && messagesSent != null && bytesReceived != null && bytesSent != null;
    }

    /** Errors so far by reason, in the order of {@link ListenerObserver.Error}; looked up each time, as a reason's counter may appear late. */
    static Map<String, Long> errors(MeterRegistry registry, Tags tags) {
        Map<String, Long> errors = new LinkedHashMap<>();
        registry.find("socketflow.errors").tags(tags).counters().stream()
                .sorted(Comparator.comparingInt(counter -> reasonOrder(counter.getId().getTag("reason"))))
                .forEach(counter -> errors.put(counter.getId().getTag("reason"), (long) counter.count()));
        return errors;
    }

    Sample sample(long nanos, int connections) {
        HistogramSnapshot histogram = (processing != null) ? processing.takeSnapshot() : null;
        CountAtBucket[] buckets = (histogram != null) ? histogram.histogramCounts() : new CountAtBucket[0];
        return new Sample(nanos, count(messagesReceived), count(messagesSent), count(bytesReceived), count(bytesSent),
                connections, (histogram != null) ? histogram.count() : 0,
                Arrays.stream(buckets).mapToDouble(bucket -> bucket.bucket(TimeUnit.MILLISECONDS)).toArray(),
                Arrays.stream(buckets).mapToDouble(CountAtBucket::count).toArray());
    }

    private static double count(@Nullable Counter counter) {
        return (counter != null) ? counter.count() : 0;
    }

    private static @Nullable Counter counter(MeterRegistry registry, String name, Tags tags) {
        return registry.find(name).tags(tags).counter();
    }

    private static int reasonOrder(@Nullable String reason) {
        for (ListenerObserver.Error error : ListenerObserver.Error.values()) {
            if (error.label().equals(reason)) {
                return error.ordinal();
            }
        }
        return Integer.MAX_VALUE;
    }

    /**
     * One listener's meters at one instant.
     *
     * @param nanos when, by {@link System#nanoTime()}
     * @param messagesReceived messages received so far
     * @param messagesSent messages sent so far
     * @param bytesReceived bytes received so far
     * @param bytesSent bytes sent so far
     * @param connections open connections (0 for UDP)
     * @param processed messages whose processing time was recorded so far
     * @param bucketBoundsMillis the processing-time histogram's upper bounds, in milliseconds
     * @param bucketCounts for each bound, the messages processed within it so far
     */
    record Sample(long nanos, double messagesReceived, double messagesSent, double bytesReceived, double bytesSent,
            int connections, long processed, double[] bucketBoundsMillis, double[] bucketCounts) {
    }

}
