package io.socketflow.observability;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.socketflow.chat.ChatRoom;
import io.socketflow.config.SocketflowProperties;
import io.socketflow.observability.ListenerMeters.Sample;
import io.socketflow.transport.ServiceListener;
import io.socketflow.transport.TcpServerListener;

/**
 * {@code GET /api/status}: what the status page at {@code /} shows, as JSON for scripts too. Read-only and open,
 * like the operator API's reads: listeners, their traffic, the chat room and the instance. Totals and open
 * connections are read at request time; rates, trends and percentiles come from {@link StatusSampler}.
 */
@RestController
class StatusController {

    private final StatusSampler sampler;

    private final SocketflowProperties properties;

    private final ObjectProvider<ChatRoom> chatRoom;

    private final ObjectProvider<BuildProperties> build;

    private final ObjectProvider<GitProperties> git;

    private final String application;

    StatusController(StatusSampler sampler, SocketflowProperties properties, ObjectProvider<ChatRoom> chatRoom,
            ObjectProvider<BuildProperties> build, ObjectProvider<GitProperties> git,
            @Value("${spring.application.name:socketflow}") String application) {
        this.sampler = sampler;
        this.properties = properties;
        this.chatRoom = chatRoom;
        this.build = build;
        this.git = git;
        this.application = application;
    }

    @GetMapping("/api/status")
    ResponseEntity<Status> status() {
        Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        BuildProperties buildInfo = build.getIfAvailable();
        GitProperties gitInfo = git.getIfAvailable();
        ChatRoom room = chatRoom.getIfAvailable();
        Status status = new Status(application, (buildInfo != null) ? buildInfo.getVersion() : null,
                (gitInfo != null) ? gitInfo.getShortCommitId() : null, started,
                Duration.between(started, Instant.now()).toSeconds(),
                properties.chat().relay().name().toLowerCase(Locale.ROOT), StatusSampler.INTERVAL.toSeconds(),
                StatusSampler.RATE_WINDOW.toSeconds(), StatusSampler.HISTORY_SECONDS,
                sampler.tracks().stream().map(this::listener).toList(),
                (room != null) ? new Chat(room.members()) : null);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(status);
    }

    private Listener listener(ListenerTrack track) {
        ServiceListener listener = track.listener();
        ListenerMeters meters = track.meters();
        Integer maxConnections = (listener instanceof TcpServerListener tcp) ? tcp.maxConnections() : null;
        return new Listener(listener.id().beanName(), listener.id().service(), listener.id().transport().label(),
                listener.bindAddress(), listener.port(), listener.isListening(), track.openConnections(),
                maxConnections, total(meters.messagesReceived()), total(meters.messagesSent()),
                total(meters.bytesReceived()), total(meters.bytesSent()), rate(track, Sample::messagesReceived),
                rate(track, Sample::messagesSent), rate(track, Sample::bytesReceived), rate(track, Sample::bytesSent),
                round(track.processingMillis(0.5), 1000), round(track.processingMillis(0.99), 1000),
                ListenerMeters.errors(sampler.registry(), meters.tags()), history(track));
    }

    private static History history(ListenerTrack track) {
        return new History(rounded(track.history(Sample::messagesReceived)),
                rounded(track.history(Sample::messagesSent)),
                (track.openConnections() != null) ? track.connectionHistory() : null);
    }

    private static @Nullable Long total(@Nullable Counter counter) {
        return (counter != null) ? (long) counter.count() : null;
    }

    private static @Nullable Double rate(ListenerTrack track, ToDoubleFunction<Sample> counter) {
        return round(track.rate(counter, StatusSampler.RATE_WINDOW), 100);
    }

    private static List<Double> rounded(List<Double> values) {
        return values.stream().map(value -> round(value, 100)).toList();
    }

    private static @Nullable Double round(@Nullable Double value, int scale) {
        return (value != null) ? Math.round(value * scale) / (double) scale : null;
    }

    /**
     * The whole status.
     *
     * @param application {@code spring.application.name}
     * @param version the build's version; null when run without build info
     * @param commit the short git commit; null without git info
     * @param startedAt when the process started
     * @param uptimeSeconds seconds since then
     * @param relay how chat lines travel: {@code local} or {@code redis}
     * @param sampleIntervalSeconds seconds between two points of a history
     * @param rateWindowSeconds the window the per-second rates average over
     * @param percentileWindowSeconds the window of the processing-time percentiles (and the histories' length)
     * @param listeners every listener, uppercase first, TCP before UDP
     * @param chat the chat room; null when the chat listener is disabled
     */
    record Status(String application, @Nullable String version, @Nullable String commit, Instant startedAt,
            long uptimeSeconds, String relay, long sampleIntervalSeconds, long rateWindowSeconds,
            long percentileWindowSeconds, List<Listener> listeners, @Nullable Chat chat) {
    }

    /**
     * One listener. Totals and rates are null when socketflow metrics are turned off; rates and percentiles are
     * null until two samples exist, percentiles also when no message was processed in their window.
     *
     * @param name the listener's name, as in health ({@code uppercaseTcp})
     * @param service uppercase, bytecount or chat
     * @param transport tcp or udp
     * @param bindAddress the address it is bound to
     * @param port the port actually bound
     * @param up whether it is listening
     * @param connections open connections; null for UDP
     * @param maxConnections the listener's max-connections; null for UDP
     * @param messagesReceived messages received since start
     * @param messagesSent messages sent since start
     * @param bytesReceived application bytes received since start
     * @param bytesSent application bytes sent since start
     * @param messagesReceivedPerSecond messages received per second over the rate window
     * @param messagesSentPerSecond messages sent per second over the rate window
     * @param bytesReceivedPerSecond bytes received per second over the rate window
     * @param bytesSentPerSecond bytes sent per second over the rate window
     * @param processingP50Millis median processing time over the percentile window, in milliseconds
     * @param processingP99Millis 99th percentile processing time over the percentile window, in milliseconds
     * @param errors errors since start by reason, for the reasons this listener can have; empty when metrics are off
     * @param history per-interval values over the percentile window, oldest first; message rates empty when metrics
     *     are off
     */
    record Listener(String name, String service, String transport, String bindAddress, int port, boolean up,
            @Nullable Integer connections, @Nullable Integer maxConnections, @Nullable Long messagesReceived,
            @Nullable Long messagesSent, @Nullable Long bytesReceived, @Nullable Long bytesSent,
            @Nullable Double messagesReceivedPerSecond,
            @Nullable Double messagesSentPerSecond, @Nullable Double bytesReceivedPerSecond,
            @Nullable Double bytesSentPerSecond, @Nullable Double processingP50Millis,
            @Nullable Double processingP99Millis, Map<String, Long> errors, History history) {
    }

    /**
     * @param messagesReceivedPerSecond messages received per second in each interval
     * @param messagesSentPerSecond messages sent per second in each interval
     * @param connections open connections at the end of each interval; null for UDP
     */
    record History(List<Double> messagesReceivedPerSecond, List<Double> messagesSentPerSecond,
            @Nullable List<Integer> connections) {
    }

    /**
     * @param members the members connected to this instance, longest-connected first
     */
    record Chat(List<ChatRoom.MemberView> members) {
    }

}
