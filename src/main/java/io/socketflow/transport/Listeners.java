package io.socketflow.transport;

import java.util.Locale;
import java.util.concurrent.Executor;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.thread.Threading;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.socketflow.config.SocketflowProperties;
import io.socketflow.config.TcpListenerProperties;
import io.socketflow.config.TcpListenerProperties.ClientAuth;
import io.socketflow.config.UdpListenerProperties;

/**
 * Builds and binds the listeners each service declares as beans, all on shared Netty event loops.
 */
@Component
public class Listeners implements DisposableBean {

    private static final Log logger = LogFactory.getLog(Listeners.class);

    /** Where the listeners' work that may block runs, off the event loops. */
    private final Executor connectionThreads;

    private final EventLoops eventLoops;

    /** The chat's own loop: the room's work (and, with the Redis relay, its Redis calls) never delays the others. */
    private final EventLoops chatEventLoop;

    private final ListenerObserver.Factory observers;

    private final SslBundles sslBundles;

    private final MeterRegistry meterRegistry;

    Listeners(Environment environment, SocketflowProperties properties, SslBundles sslBundles,
            MeterRegistry meterRegistry, ObjectProvider<ListenerObserver.Factory> observers) {
        this.connectionThreads = ConnectionThreads.create(Threading.VIRTUAL.isActive(environment));
        this.eventLoops = EventLoops.create(properties.eventLoopThreads(), "socketflow-io");
        this.chatEventLoop = EventLoops.create(1, "socketflow-chat");
        logger.info("Listeners share " + eventLoops + "; the chat has " + chatEventLoop + " of its own");
        this.sslBundles = sslBundles;
        this.meterRegistry = meterRegistry;
        this.observers = observers.getIfAvailable(() -> listener -> ListenerObserver.NONE);
    }

    @Override
    public void destroy() {
        eventLoops.close();
        chatEventLoop.close();
    }

    public TcpServerListener tcp(String service, TcpListenerProperties properties) {
        return tcp(service, properties, eventLoops);
    }

    /**
     * A listener for the chat, on an event loop of its own: a room's work per line (fan-out to every member) and, with
     * the Redis relay, a Redis round trip per join, nickname or {@code /who} (up to {@code spring.data.redis.timeout}
     * when Redis hangs) would otherwise hold up the request/response listeners sharing the loop.
     */
    public TcpServerListener chat(String service, TcpListenerProperties properties) {
        return tcp(service, properties, chatEventLoop);
    }

    private TcpServerListener tcp(String service, TcpListenerProperties properties, EventLoops loops) {
        ListenerId id = new ListenerId(service, Transport.TCP);
        TcpServerListener listener = new TcpServerListener(id, properties, tls(id, properties), meterRegistry,
                loops, connectionThreads);
        listener.bind();
        listener.observeWith(observers.observe(listener));
        logger.info(listener.id() + " listening on " + RemoteAddress.of(listener.bindAddress(), listener.port())
                + " (framing " + properties.framing().name().toLowerCase(Locale.ROOT).replace('_', '-')
                + listener.edgeDescription() + ")");
        return listener;
    }

    public UdpServerListener udp(String service, UdpListenerProperties properties) {
        UdpServerListener listener = new UdpServerListener(new ListenerId(service, Transport.UDP), properties,
                eventLoops);
        listener.bind();
        listener.observeWith(observers.observe(listener));
        logger.info(listener.id() + " listening on " + RemoteAddress.of(listener.bindAddress(), listener.port()));
        return listener;
    }

    /** The listener's TLS context from its SSL bundle, checked now so a mistake stops start-up with a clear report. */
    private @Nullable SslBundleContextSupport tls(ListenerId id, TcpListenerProperties properties) {
        TcpListenerProperties.Ssl ssl = properties.ssl();
        if (!ssl.isEnabled()) {
            return null;
        }
        String name = ssl.bundle().strip();
        SslBundle bundle;
        try {
            bundle = sslBundles.getBundle(name);
        }
        catch (NoSuchSslBundleException ex) {
            throw new ListenerTlsException(id, name, "no SSL bundle is called '" + name + "'; the configured ones are "
                    + sslBundles.getBundleNames(), "Configure it as spring.ssl.bundle.pem." + name
                    + ".* (PEM files) or spring.ssl.bundle.jks." + name + ".* (a key store), or name one of the "
                    + "configured bundles.");
        }
        if (bundle.getStores().getKeyStore() == null) {
            throw new ListenerTlsException(id, name, "the bundle has no key store, so there is no certificate and "
                    + "private key to present to clients", "Set spring.ssl.bundle.pem." + name
                    + ".keystore.certificate and .keystore.private-key (or the jks equivalents).");
        }
        if (ssl.clientAuth() != ClientAuth.NONE && bundle.getStores().getTrustStore() == null) {
            throw new ListenerTlsException(id, name, "client-auth is " + ssl.clientAuth().name().toLowerCase(Locale.ROOT)
                    + " but the bundle has no trust store to check client certificates against",
                    "Set spring.ssl.bundle.pem." + name + ".truststore.certificate to the CA that signs client "
                            + "certificates (or the jks equivalent), or set client-auth to none.");
        }
        return SslBundleContextSupport.of(sslBundles, name);
    }

}
