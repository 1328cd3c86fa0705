package io.socketflow.transport;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.integration.ip.tcp.connection.TcpSSLContextSupport;

/**
 * Spring Integration's source of an {@link SSLContext}, fed by a Spring Boot SSL bundle and following its reloads:
 * once Boot reloads the bundle ({@code reload-on-update}), {@link #getSSLContext()} returns a context built from
 * the new key material, while connections already open keep the one they started with.
 *
 * <p>Usable on the client side too, with Spring Integration's own socket factory:
 * {@code Tcp.netClient(host, port).socketFactorySupport(new DefaultTcpNetSSLSocketFactorySupport(support))}.
 */
public final class SslBundleContextSupport implements TcpSSLContextSupport {

    private static final Log logger = LogFactory.getLog(SslBundleContextSupport.class);

    private final String bundleName;

    private volatile Loaded loaded;

    private SslBundleContextSupport(String bundleName, SslBundle bundle) {
        this.bundleName = bundleName;
        this.loaded = Loaded.from(bundle);
    }

    /**
     * The bundle with this name, followed through its reloads.
     *
     * @throws NoSuchSslBundleException when no bundle has that name
     */
    public static SslBundleContextSupport of(SslBundles bundles, String bundleName) {
        SslBundleContextSupport support = new SslBundleContextSupport(bundleName, bundles.getBundle(bundleName));
        bundles.addBundleUpdateHandler(bundleName, support::reload);
        return support;
    }

    public String bundleName() {
        return bundleName;
    }

    /** The context for the next connection: built from the bundle as it was last loaded. */
    @Override
    public SSLContext getSSLContext() {
        return loaded.context();
    }

    /** Restricts the engine to the bundle's protocols and cipher suites, where it names them. */
    public void applyOptions(SSLEngine engine) {
        SslOptions options = loaded.options();
        if (options.getEnabledProtocols() != null) {
            engine.setEnabledProtocols(options.getEnabledProtocols());
        }
        if (options.getCiphers() != null) {
            engine.setEnabledCipherSuites(options.getCiphers());
        }
    }

    private void reload(SslBundle bundle) {
        try {
            this.loaded = Loaded.from(bundle);
            logger.info("SSL bundle '" + bundleName + "' reloaded; new connections use it");
        }
        catch (RuntimeException ex) {
            logger.warn("SSL bundle '" + bundleName + "' changed but could not be used, so the previous key material "
                    + "stays in use: " + ex.getMessage());
        }
    }

    private record Loaded(SSLContext context, SslOptions options) {

        static Loaded from(SslBundle bundle) {
            return new Loaded(bundle.createSslContext(), bundle.getOptions());
        }

    }

}
