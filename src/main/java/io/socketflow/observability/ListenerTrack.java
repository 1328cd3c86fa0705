package io.socketflow.observability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.jspecify.annotations.Nullable;

import io.socketflow.observability.ListenerMeters.Sample;
import io.socketflow.transport.ServiceListener;
import io.socketflow.transport.TcpServerListener;

/**
 * One listener's recent history: a sample of its meters per interval, the newest last, for rates, trends and
 * percentiles over a recent window. Samples are replaced as a whole, so readers never lock.
 */
final class ListenerTrack {

    private final ServiceListener listener;

    private final ListenerMeters meters;

    private final int capacity;

    private volatile List<Sample> samples = List.of();

    ListenerTrack(ServiceListener listener, ListenerMeters meters, int capacity) {
        this.listener = listener;
        this.meters = meters;
        this.capacity = capacity;
    }

    ServiceListener listener() {
        return listener;
    }

    ListenerMeters meters() {
        return meters;
    }

    /** Open connections now; null for a UDP listener, which has none. */
    @Nullable Integer openConnections() {
        return (listener instanceof TcpServerListener tcp) ? tcp.openConnections() : null;
    }

    void record(long nanos) {
        Integer open = openConnections();
        List<Sample> next = new ArrayList<>(samples);
        next.add(meters.sample(nanos, (open != null) ? open : 0));
        if (next.size() > capacity) {
            next.remove(0);
        }
        samples = List.copyOf(next);
    }

    /**
     * Per second over the last {@code window}, or over what has been sampled if that is shorter; null before two
     * samples, or when the meters are turned off.
     */
    @Nullable Double rate(ToDoubleFunction<Sample> counter, Duration window) {
        List<Sample> current = samples;
        if (current.size() < 2 || !meters.present()) {
            return null;
        }
        Sample last = current.get(current.size() - 1);
        Sample first = current.get(0);
        for (Sample sample : current) {
            if (last.nanos() - sample.nanos() <= window.toNanos()) {
                first = sample;
                break;
            }
        }
        return perSecond(first, last, counter);
    }

    /** The rate between each two consecutive samples, oldest first; none when the meters are turned off. */
    List<Double> history(ToDoubleFunction<Sample> counter) {
        List<Sample> current = meters.present() ? samples : List.of();
        List<Double> rates = new ArrayList<>();
        for (int i = 1; i < current.size(); i++) {
            rates.add(perSecond(current.get(i - 1), current.get(i), counter));
        }
        return rates;
    }

    /** Open connections at each sample after the first, oldest first, aligned with {@link #history}. */
    List<Integer> connectionHistory() {
        List<Sample> current = samples;
        return current.subList(Math.min(1, current.size()), current.size()).stream().map(Sample::connections).toList();
    }

    /** The processing time below which {@code quantile} of the messages of the sampled window fell; null if none. */
    @Nullable Double processingMillis(double quantile) {
        List<Sample> current = samples;
        if (current.size() < 2) {
            return null;
        }
        Sample first = current.get(0);
        Sample last = current.get(current.size() - 1);
        if (first.bucketCounts().length != last.bucketCounts().length) {
            return null;
        }
        double[] counts = new double[last.bucketCounts().length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = Math.max(0, last.bucketCounts()[i] - first.bucketCounts()[i]);
        }
        return Percentiles.estimate(quantile, last.bucketBoundsMillis(), counts, last.processed() - first.processed());
    }

    private static double perSecond(Sample from, Sample to, ToDoubleFunction<Sample> counter) {
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        double delta = Math.max(0, counter.applyAsDouble(to) - counter.applyAsDouble(from));
        return (seconds > 0) ? delta / seconds : 0;
    }

}
