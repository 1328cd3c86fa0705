package io.socketflow.transport;

import java.util.concurrent.Executor;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.thread.Threading;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.socketflow.config.TcpListenerProperties;
import io.socketflow.config.UdpListenerProperties;

/**
 * Builds and binds the listeners each service declares as beans, all reading on one kind of thread.
 */
@Component
public class Listeners {

    private static final Log logger = LogFactory.getLog(Listeners.class);

    private final Executor connectionThreads;

    private final ListenerObserver.Factory observers;

    Listeners(Environment environment, ObjectProvider<ListenerObserver.Factory> observers) {
        this.connectionThreads = ConnectionThreads.create(Threading.VIRTUAL.isActive(environment));
        this.observers = observers.getIfAvailable(() -> listener -> ListenerObserver.NONE);
    }

    /** The threads listeners read on; also right for work that may block on a socket, such as chat writers. */
    public Executor connectionThreads() {
        return connectionThreads;
    }

    public TcpServerListener tcp(String service, TcpListenerProperties properties) {
        TcpServerListener listener = new TcpServerListener(new ListenerId(service, Transport.TCP), properties,
                connectionThreads);
        listener.bind();
        listener.observeWith(observers.observe(listener));
        logger.info(listener.id() + " listening on " + listener.bindAddress() + ":" + listener.port() + " (framing "
                + properties.framing().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ")");
        return listener;
    }

    public UdpServerListener udp(String service, UdpListenerProperties properties) {
        UdpServerListener listener = new UdpServerListener(new ListenerId(service, Transport.UDP), properties,
                connectionThreads);
        listener.bind();
        listener.observeWith(observers.observe(listener));
        logger.info(listener.id() + " listening on " + listener.bindAddress() + ":" + listener.port());
        return listener;
    }

}
