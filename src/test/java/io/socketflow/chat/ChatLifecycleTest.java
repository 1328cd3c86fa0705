package io.socketflow.chat;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.socketflow.SocketflowApplication;
import io.socketflow.support.Ports;
import io.socketflow.support.TcpTestClient;
import io.socketflow.transport.ServiceListener;
import io.socketflow.transport.Transport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chat behaviour that needs its own application: shutdown, idle timeout, length-prefix framing.
 */
class ChatLifecycleTest {

    @Test
    void onShutdownMembersAreToldAndThenDisconnected() {
        ConfigurableApplicationContext context = start();
        try (ChatMember member = new ChatMember(chatPort(context))) {
            context.close();
            assertThat(member.line()).isEqualTo("* server shutting down");
            assertThat(member.client.closedByServer()).isTrue();
        }
    }

    @Test
    void memberWhoOnlyListensIsNotIdleWhileTheRoomTalks() {
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try (ConfigurableApplicationContext context = start("--socketflow.chat.tcp.idle-timeout=1s");
                ChatMember talker = new ChatMember(chatPort(context));
                ChatMember listener = new ChatMember(chatPort(context))) {
            talker.awaitLine("* " + listener.nick + " joined");
            pacer.scheduleAtFixedRate(() -> talker.say("tick\n"), 0, 300, TimeUnit.MILLISECONDS);
            for (int i = 0; i < 10; i++) {
                assertThat(listener.line()).isEqualTo(talker.nick + ": tick");
            }
        }
        finally {
            pacer.shutdownNow();
        }
    }

    @Test
    void memberIdleForTheTimeoutIsToldWhyThenDisconnected() {
        try (ConfigurableApplicationContext context = start("--socketflow.chat.tcp.idle-timeout=1");
                ChatMember member = new ChatMember(chatPort(context))) {
            assertThat(member.line()).isEqualTo("* disconnected: idle");
            assertThat(member.client.closedByServer()).isTrue();
        }
    }

    @Test
    void lengthPrefixedChatSplitsMultiLineMessagesAndFramesEveryLineWithItsLf() {
        try (ConfigurableApplicationContext context = start("--socketflow.chat.tcp.framing=length-prefix");
                TcpTestClient alice = TcpTestClient.local(chatPort(context))) {
            String aliceWelcome = new String(alice.readFrame());
            assertThat(aliceWelcome).startsWith("* welcome guest-");
            String aliceNick = aliceWelcome.substring("* welcome ".length(), aliceWelcome.indexOf(','));
            TcpTestClient bob = TcpTestClient.local(chatPort(context));
            assertThat(new String(bob.readFrame())).startsWith("* welcome guest-");
            assertThat(new String(alice.readFrame())).endsWith(" joined\n");
            alice.sendFrame("one\n\ntwo\r\n".getBytes());
            assertThat(new String(bob.readFrame())).isEqualTo(aliceNick + ": one\n");
            assertThat(new String(bob.readFrame())).isEqualTo(aliceNick + ": two\n");
            bob.close();
        }
    }

    private static ConfigurableApplicationContext start(String... args) {
        String[] all = new String[args.length + 5];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] { "--socketflow.chat.tcp.port=0", "--socketflow.uppercase.tcp.enabled=false",
                "--socketflow.uppercase.udp.enabled=false", "--socketflow.bytecount.tcp.enabled=false",
                "--socketflow.bytecount.udp.enabled=false" }, 0, all, args.length, 5);
        return new SpringApplicationBuilder(SocketflowApplication.class).web(WebApplicationType.NONE).run(all);
    }

    private static int chatPort(ConfigurableApplicationContext context) {
        List<ServiceListener> listeners = List.copyOf(context.getBeansOfType(ServiceListener.class).values());
        return Ports.of(listeners, "chat", Transport.TCP);
    }

}
