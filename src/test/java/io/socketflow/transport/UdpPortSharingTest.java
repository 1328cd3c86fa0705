package io.socketflow.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.socketflow.SocketflowApplication;
import io.socketflow.support.FailingStart;
import io.socketflow.support.UdpTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * With several event loops ({@code io-threads}) a UDP listener reads its port on each of them, as TCP listeners spread
 * their connections, and still answers each sender in order; the port stays the listener's own.
 */
@ExtendWith(OutputCaptureExtension.class)
class UdpPortSharingTest {

    private static final int SENDERS = 32;

    private static final int DATAGRAMS_EACH = 20;

    private static final int AT_ONCE = 4;

    @BeforeAll
    static void sharedPortsNeedEpoll() {
        assumeTrue(Epoll.isAvailable(), "sockets share a UDP port with the epoll transport only (Linux)");
    }

    @Test
    void everyEventLoopReadsThePortAndEachSenderIsAnsweredInOrder() throws IOException {
        try (ConfigurableApplicationContext context = uppercaseUdp(0)) {
            int port = context.getBean("uppercaseUdpIn", UdpServerListener.class).port();

            assertThat(socketsBoundTo(port)).as("sockets on UDP port %d (/proc/net/udp)", port).isEqualTo(2);

            List<UdpTestClient> senders = new ArrayList<>();
            try {
                for (int i = 0; i < SENDERS; i++) {
                    senders.add(new UdpTestClient(0));
                }
                // A few at a time from each, so that no socket buffer overflows (UDP would drop what does not fit).
                for (int first = 0; first < DATAGRAMS_EACH; first += AT_ONCE) {
                    for (int i = 0; i < SENDERS; i++) {
                        for (int n = first; n < first + AT_ONCE; n++) {
                            senders.get(i).send("sender " + i + " datagram " + n, port);
                        }
                    }
                    for (int i = 0; i < SENDERS; i++) {
                        for (int n = first; n < first + AT_ONCE; n++) {
                            assertThat(senders.get(i).receiveText()).isEqualTo("SENDER " + i + " DATAGRAM " + n);
                        }
                    }
                }
            }
            finally {
                senders.forEach(UdpTestClient::close);
            }
        }
    }

    @Test
    void aSecondInstanceCannotShareThePort(CapturedOutput output) {
        try (ConfigurableApplicationContext first = uppercaseUdp(0)) {
            int port = first.getBean("uppercaseUdpIn", UdpServerListener.class).port();

            assertThatException().isThrownBy(() -> FailingStart.start("--socketflow.io-threads=2",
                    "--socketflow.uppercase.udp.port=" + port, "--socketflow.uppercase.udp.bind-address=127.0.0.1"));
            assertThat(output).contains("APPLICATION FAILED TO START")
                    .contains("The uppercase UDP listener could not bind 127.0.0.1:" + port)
                    .doesNotContain("\tat ");
            try (UdpTestClient client = new UdpTestClient(0)) {
                assertThat(client.exchange("still mine", port)).isEqualTo("STILL MINE");
            }
        }
    }

    private static ConfigurableApplicationContext uppercaseUdp(int port) {
        return new SpringApplicationBuilder(SocketflowApplication.class).web(WebApplicationType.NONE)
                .run("--socketflow.io-threads=2", "--socketflow.uppercase.udp.port=" + port,
                        "--socketflow.uppercase.udp.bind-address=127.0.0.1", "--socketflow.uppercase.tcp.enabled=false",
                        "--socketflow.bytecount.tcp.enabled=false", "--socketflow.bytecount.udp.enabled=false",
                        "--socketflow.chat.tcp.enabled=false");
    }

    /**
     * How many sockets the kernel lists on the port, as {@code ss -uln} would show them (IPv6 ones too: Netty's epoll
     * sockets are IPv6 sockets that also take IPv4).
     */
    private static long socketsBoundTo(int port) throws IOException {
        String suffix = ":" + String.format(Locale.ROOT, "%04X", port);
        long count = 0;
        for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
            count += Files.readAllLines(Path.of(table)).stream()
                    .skip(1)
                    .map(line -> line.trim().split("\\s+")[1])
                    .filter(local -> local.endsWith(suffix))
                    .count();
        }
        return count;
    }

}
