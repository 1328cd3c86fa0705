package io.socketflow.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetSSLSocketFactorySupport;
import org.springframework.integration.ip.tcp.connection.DefaultTcpSocketSupport;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;

/**
 * {@code --tls}: the client speaks TLS, trusting the JDK's certificate authorities, the PEM certificates of
 * {@code --trust FILE}, or (with {@code --insecure}, for self-signed test certificates) anything, without checking the
 * host name.
 *
 * @param trust a PEM file of trusted certificates, or none for the JDK's
 * @param insecure whether any certificate and host name is accepted
 */
record ClientTls(@Nullable Path trust, boolean insecure) {

    ClientTls {
        if (trust != null && !Files.isReadable(trust)) {
            throw new UsageException("--trust: cannot read " + trust);
        }
    }

    /** Makes the connection factory speak TLS: Spring Integration's SSL socket support with this client's context. */
    void applyTo(TcpNetClientConnectionFactory connections, Duration timeout) {
        SSLContext context = context();
        connections.setTcpSocketFactorySupport(new DefaultTcpNetSSLSocketFactorySupport(() -> context));
        connections.setTcpSocketSupport(new HandshakeAtConnect(!insecure, timeout));
    }

    private SSLContext context() {
        try {
            if (insecure) {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] { new TrustingEveryone() }, new SecureRandom());
                return context;
            }
            if (trust != null) {
                PemSslStoreDetails certificates = PemSslStoreDetails.forCertificate(trust.toUri().toString());
                return SslBundle.of(new PemSslStoreBundle(null, certificates)).createSslContext();
            }
            return SSLContext.getDefault();
        }
        catch (GeneralSecurityException | RuntimeException ex) {
            throw ClientFailure.tlsSetup(String.valueOf(ex.getMessage()), ex);
        }
    }

    /**
     * Shakes hands as soon as the socket is connected, so a certificate that is not trusted, or a port that does not
     * speak TLS, fails the connection itself with a clear cause instead of a later write; a server that does not
     * answer within the timeout fails it too.
     */
    private static final class HandshakeAtConnect extends DefaultTcpSocketSupport {

        private final int timeoutMillis;

        HandshakeAtConnect(boolean verifyHost, Duration timeout) {
            super(verifyHost);
            this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        }

        @Override
        public void postProcessSocket(Socket socket) {
            super.postProcessSocket(socket);
            if (socket instanceof SSLSocket tls) {
                try {
                    int readTimeout = tls.getSoTimeout();
                    tls.setSoTimeout(timeoutMillis);
                    tls.startHandshake();
                    tls.setSoTimeout(readTimeout);
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
        }

    }

    /** Written by hand because no JDK or Spring type accepts every certificate; used only with {@code --insecure}. */
    private static final class TrustingEveryone implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }

    }

}
