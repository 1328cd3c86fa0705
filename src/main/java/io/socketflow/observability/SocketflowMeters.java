package io.socketflow.observability;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

import io.socketflow.transport.ListenerObserver;
import io.socketflow.transport.ServiceListener;
import io.socketflow.transport.TcpServerListener;
import io.socketflow.transport.Transport;

/**
 * The meters of SPEC §8, one set per listener, labelled only with {@code service} and {@code transport} (and
 * {@code reason} on errors): never a connection or a client address. Meters are looked up once per listener, so
 * the hot path only increments.
 */
@Component
class SocketflowMeters implements ListenerObserver.Factory {

    /** Histogram buckets for processing time, 100 µs to 1 s. */
    static final Duration[] PROCESSING_BUCKETS = { Duration.ofNanos(100_000), Duration.ofNanos(250_000),
            Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1) };

    private final MeterRegistry registry;

    SocketflowMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ListenerObserver observe(ServiceListener listener) {
        Tags tags = Tags.of("service", listener.id().service(), "transport", listener.id().transport().label());
        Gauge.builder("socketflow.listener.up", listener, l -> l.isListening() ? 1 : 0)
                .description("1 while the listener is listening, 0 otherwise")
                .tags(tags)
                .register(registry);
        if (listener instanceof TcpServerListener tcp) {
            Gauge.builder("socketflow.connections.active", tcp, TcpServerListener::openConnections)
                    .description("Open connections")
                    .tags(tags)
                    .register(registry);
            Gauge.builder("socketflow.connections.max", tcp, TcpServerListener::maxConnections)
                    .description("The listener's max-connections")
                    .tags(tags)
                    .register(registry);
        }
        return new MeteredListener(registry, tags, listener.id().transport() == Transport.TCP,
                applicableErrors(listener));
    }

    /** The error reasons a listener can have; their series start at zero so rates and alerts see them at once. */
    private static Set<ListenerObserver.Error> applicableErrors(ServiceListener listener) {
        if (listener.id().transport() == Transport.UDP) {
            // Only an uppercased reply can outgrow its request past what one datagram holds.
            return listener.id().service().equals("uppercase")
                    ? EnumSet.of(ListenerObserver.Error.TOO_LARGE, ListenerObserver.Error.IO)
                    : EnumSet.of(ListenerObserver.Error.IO);
        }
        Set<ListenerObserver.Error> errors = EnumSet.allOf(ListenerObserver.Error.class);
        if (!listener.id().service().equals("chat")) {
            errors.remove(ListenerObserver.Error.SLOW_CONSUMER);
        }
        return errors;
    }

    private static final class MeteredListener implements ListenerObserver {

        private final Counter opened;

        private final Counter closed;

        private final Counter messagesReceived;

        private final Counter messagesSent;

        private final Counter bytesReceived;

        private final Counter bytesSent;

        private final Timer processing;

        private final Counter[] errors = new Counter[Error.values().length];

        private final MeterRegistry registry;

        private final Tags tags;

        MeteredListener(MeterRegistry registry, Tags tags, boolean connections, Set<Error> applicableErrors) {
            this.registry = registry;
            this.tags = tags;
            this.opened = connections ? counter(registry, "socketflow.connections.opened", "Connections accepted", tags) : null;
            this.closed = connections ? counter(registry, "socketflow.connections.closed", "Connections closed", tags) : null;
            this.messagesReceived = counter(registry, "socketflow.messages.received", "Messages read from clients", tags);
            this.messagesSent = counter(registry, "socketflow.messages.sent", "Messages written to clients", tags);
            this.bytesReceived = counter(registry, "socketflow.bytes.received",
                    "Application bytes read, terminators included", tags);
            this.bytesSent = counter(registry, "socketflow.bytes.sent",
                    "Application bytes written, terminators included", tags);
            this.processing = Timer.builder("socketflow.message.processing")
                    .description("Time from a message read to its handling done")
                    .tags(tags)
                    .serviceLevelObjectives(PROCESSING_BUCKETS)
                    .register(registry);
            applicableErrors.forEach(this::errorCounter);
        }

        private Counter errorCounter(Error error) {
            Counter counter = errors[error.ordinal()];
            if (counter == null) {
                counter = counter(registry, "socketflow.errors", "Refused, dropped or failed work",
                        tags.and("reason", error.label()));
                errors[error.ordinal()] = counter;
            }
            return counter;
        }

        private static Counter counter(MeterRegistry registry, String name, String description, Tags tags) {
            return Counter.builder(name).description(description).tags(tags).register(registry);
        }

        @Override
        public void connectionOpened() {
            opened.increment();
        }

        @Override
        public void connectionClosed() {
            closed.increment();
        }

        @Override
        public void messageReceived() {
            messagesReceived.increment();
        }

        @Override
        public void bytesReceived(int bytes) {
            bytesReceived.increment(bytes);
        }

        @Override
        public void sent(int messages, int bytes) {
            messagesSent.increment(messages);
            bytesSent.increment(bytes);
        }

        @Override
        public void processed(long nanos) {
            processing.record(nanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void error(Error error) {
            errorCounter(error).increment();
        }

    }

}
