import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Request/response round trips against a socketflow TCP listener, in clear or over TLS (which shared/bench/loadgen
 * does not speak): each connection sends a 32-byte line and waits for its reply before sending the next.
 *
 * <pre>
 * java bench/TlsRoundTrips.java --port 12000 [--host 127.0.0.1] [--connections 16] [--seconds 10] [--warmup 3]
 *                               [--tls --ca ca.pem]
 * </pre>
 *
 * Prints one line: mode, connections, round trips per second, p50 and p99 latency in microseconds.
 */
public class TlsRoundTrips {

    private static final byte[] REQUEST = "the quick brown fox jumps over!\n".getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String host = options.getOrDefault("host", "127.0.0.1");
        int port = Integer.parseInt(options.get("port"));
        int connections = Integer.parseInt(options.getOrDefault("connections", "16"));
        long warmupNanos = Long.parseLong(options.getOrDefault("warmup", "3")) * 1_000_000_000L;
        long measureNanos = Long.parseLong(options.getOrDefault("seconds", "10")) * 1_000_000_000L;
        SSLContext tls = options.containsKey("tls") ? trusting(Path.of(options.get("ca"))) : null;

        long start = System.nanoTime();
        long measureFrom = start + warmupNanos;
        long measureUntil = measureFrom + measureNanos;
        List<long[]> latencies = new ArrayList<>();
        long[] counts = new long[connections];
        CountDownLatch done = new CountDownLatch(connections);
        for (int i = 0; i < connections; i++) {
            int index = i;
            long[] samples = new long[Math.max(10_000, 2_000_000 / connections)];
            latencies.add(samples);
            Thread thread = new Thread(() -> {
                try (Socket socket = connect(host, port, tls)) {
                    OutputStream out = new BufferedOutputStream(socket.getOutputStream());
                    InputStream in = new BufferedInputStream(socket.getInputStream());
                    long n = 0;
                    while (true) {
                        long sent = System.nanoTime();
                        if (sent >= measureUntil) {
                            break;
                        }
                        out.write(REQUEST);
                        out.flush();
                        for (int b = in.read(); b != '\n'; b = in.read()) {
                            if (b < 0) {
                                throw new IllegalStateException("server closed");
                            }
                        }
                        long received = System.nanoTime();
                        if (sent >= measureFrom && n < samples.length) {
                            samples[(int) n++] = received - sent;
                        }
                    }
                    counts[index] = n;
                }
                catch (Exception ex) {
                    ex.printStackTrace();
                }
                finally {
                    done.countDown();
                }
            });
            thread.start();
        }
        done.await();
        long total = Arrays.stream(counts).sum();
        long[] all = new long[(int) total];
        int offset = 0;
        for (int i = 0; i < connections; i++) {
            System.arraycopy(latencies.get(i), 0, all, offset, (int) counts[i]);
            offset += (int) counts[i];
        }
        Arrays.sort(all);
        double seconds = measureNanos / 1e9;
        System.out.printf("%s connections=%d round-trips/s=%.0f p50=%dus p99=%dus%n", (tls != null) ? "tls  " : "plain",
                connections, total / seconds, percentile(all, 0.50) / 1000, percentile(all, 0.99) / 1000);
    }

    private static long percentile(long[] sorted, double fraction) {
        return (sorted.length == 0) ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * fraction))];
    }

    private static Socket connect(String host, int port, SSLContext tls) throws Exception {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5000);
        if (tls == null) {
            return socket;
        }
        SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(socket, host, port, true);
        secured.setTcpNoDelay(true);
        secured.startHandshake();
        return secured;
    }

    private static SSLContext trusting(Path caFile) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream pem = Files.newInputStream(caFile)) {
            trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].replaceFirst("^--", "");
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.put(name, flag ? "true" : args[++i]);
        }
        return options;
    }

}
