package io.socketflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.FileSystemUtils;

/**
 * Test-only keys and certificates, made with {@code openssl} when a test first needs them (nothing private is
 * committed): a CA, a server certificate it signs for {@code localhost}, 127.0.0.1 and ::1, a client certificate it
 * signs, and a self-signed "stranger" client certificate no one trusts. The files live until the JVM exits, because
 * cached application contexts may still read them.
 */
public final class TestCertificates {

    private static @Nullable TestCertificates shared;

    private final Path directory;

    private TestCertificates(Path directory) {
        this.directory = directory;
    }

    /** The one set for this test run. */
    public static synchronized TestCertificates get() {
        if (shared == null) {
            shared = create();
        }
        return shared;
    }

    /** A new set in a new directory. */
    public static TestCertificates create() {
        try {
            Path directory = Files.createTempDirectory("socketflow-tls-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    FileSystemUtils.deleteRecursively(directory);
                }
                catch (IOException ignored) {
                    // a temporary directory left behind
                }
            }));
            TestCertificates certificates = new TestCertificates(directory);
            certificates.generate();
            return certificates;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void generate() throws IOException {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=socketflow test CA", "-addext",
                "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        signed("server", "/CN=localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\n"
                + "extendedKeyUsage=serverAuth\n");
        signed("client", "/CN=test-client", "extendedKeyUsage=clientAuth\n");
        signed("named", "/CN=localhost", "subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                "stranger.key", "-out", "stranger.pem", "-days", "2", "-subj", "/CN=stranger");
    }

    private void signed(String name, String subject, String extensions) throws IOException {
        Files.writeString(directory.resolve(name + ".ext"), extensions);
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", name + ".key",
                "-out", name + ".csr", "-subj", subject);
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out",
                name + ".pem", "-days", "2", "-extfile", name + ".ext");
    }

    /** Replaces the server's key and certificate with new ones the same CA signs, as a certificate renewal would. */
    public void renewServerCertificate(String subject) throws IOException {
        Path staging = Files.createTempDirectory(directory, "renewal");
        TestCertificates renewal = new TestCertificates(staging);
        Files.copy(path("ca.pem"), staging.resolve("ca.pem"));
        Files.copy(path("ca.key"), staging.resolve("ca.key"));
        renewal.signed("server", subject, "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\n");
        Files.writeString(path("server.key"), Files.readString(staging.resolve("server.key")));
        Files.writeString(path("server.pem"), Files.readString(staging.resolve("server.pem")));
    }

    private void openssl(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    public Path path(String file) {
        return directory.resolve(file);
    }

    /** Registers {@code spring.ssl.bundle.pem.<bundle>.*}: the server key and certificate, trusting the CA. */
    public void registerServerBundle(DynamicPropertyRegistry registry, String bundle) {
        registerServerBundle(registry, bundle, "server");
    }

    /**
     * The same with another of the CA's server certificates: {@code server} (for localhost, 127.0.0.1 and ::1) or
     * {@code named} (for the name localhost only).
     */
    public void registerServerBundle(DynamicPropertyRegistry registry, String bundle, String certificate) {
        String prefix = "spring.ssl.bundle.pem." + bundle + ".";
        registry.add(prefix + "keystore.certificate", () -> "file:" + path(certificate + ".pem"));
        registry.add(prefix + "keystore.private-key", () -> "file:" + path(certificate + ".key"));
        registry.add(prefix + "truststore.certificate", () -> "file:" + path("ca.pem"));
    }

    /** A client context that trusts the CA and presents no certificate. */
    public SSLContext clientTrustingCa() {
        return context(null, null);
    }

    /** A client context that trusts the CA and presents the client certificate the CA signed. */
    public SSLContext clientWithCertificate() {
        return context("client.pem", "client.key");
    }

    /** A client context that trusts the CA and presents a self-signed certificate. */
    public SSLContext clientWithStrangersCertificate() {
        return context("stranger.pem", "stranger.key");
    }

    private SSLContext context(@Nullable String certificate, @Nullable String privateKey) {
        PemSslStoreDetails keyStore = (certificate != null)
                ? PemSslStoreDetails.forCertificate(read(certificate)).withPrivateKey(read(privateKey)) : null;
        PemSslStoreDetails trustStore = PemSslStoreDetails.forCertificate(read("ca.pem"));
        return SslBundle.of(new PemSslStoreBundle(keyStore, trustStore)).createSslContext();
    }

    private String read(@Nullable String file) {
        try {
            return Files.readString(path(file));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
