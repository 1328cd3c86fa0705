package io.socketflow.transport;

import java.time.Duration;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The first step of a graceful shutdown, before anything else stops: every TCP listener stops accepting, then
 * replies in flight are given up to {@link #IN_FLIGHT} to finish. Spring Integration's own stop closes every socket
 * at once; it runs later, after the chat has said goodbye.
 */
@Component
class ListenerShutdown implements SmartLifecycle {

    private static final Log logger = LogFactory.getLog(ListenerShutdown.class);

    static final int PHASE = Integer.MAX_VALUE - 10;

    private static final Duration IN_FLIGHT = Duration.ofSeconds(5);

    private final ObjectProvider<TcpServerListener> listeners;

    private volatile boolean running;

    ListenerShutdown(ObjectProvider<TcpServerListener> listeners) {
        this.listeners = listeners;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        List<TcpServerListener> tcp = listeners.orderedStream().toList();
        tcp.forEach(TcpServerListener::stopAccepting);
        tcp.forEach(TcpServerListener::shutDown);
        logger.info("Graceful shutdown: stopped accepting connections on " + tcp.size()
                + " TCP listeners; finishing replies in flight");
        BoundedWait.until(() -> tcp.stream().allMatch(listener -> listener.requestsInFlight() == 0), IN_FLIGHT);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

}
