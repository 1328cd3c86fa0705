package io.socketflow.chat;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.socketflow.SocketflowApplication;
import io.socketflow.support.Http;
import io.socketflow.support.RedisServer;
import io.socketflow.transport.TcpServerListener;

/**
 * One instance of the service with the Redis relay, as an operator would run it, in the test's JVM: only the chat
 * listener and the HTTP port, both on free ports of 127.0.0.1.
 */
final class ChatInstance implements AutoCloseable {

    static final String OPERATOR_TOKEN = "relay-test-token";

    private final ConfigurableApplicationContext context;

    private ChatInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts an instance relaying through the Redis, its keys and channel under the prefix. */
    static ChatInstance start(RedisServer redis, String prefix, String... settings) {
        List<String> arguments = new ArrayList<>(flags(prefix, 0, 0));
        arguments.addAll(redis.flags());
        arguments.addAll(List.of(settings));
        return new ChatInstance(new SpringApplicationBuilder(SocketflowApplication.class)
                .run(arguments.toArray(String[]::new)));
    }

    /** The command-line flags of an instance with only chat and HTTP, the Redis relay under the prefix. */
    static List<String> flags(String prefix, int chatPort, int httpPort) {
        return List.of("--server.port=" + httpPort, "--socketflow.uppercase.tcp.enabled=false",
                "--socketflow.uppercase.udp.enabled=false", "--socketflow.bytecount.tcp.enabled=false",
                "--socketflow.bytecount.udp.enabled=false", "--socketflow.chat.tcp.port=" + chatPort,
                "--socketflow.chat.tcp.bind-address=127.0.0.1", "--socketflow.chat.relay=redis",
                "--socketflow.chat.redis.channel-prefix=" + prefix, "--socketflow.operator.token=" + OPERATOR_TOKEN,
                "--management.endpoint.health.show-details=always");
    }

    int chatPort() {
        return context.getBean("chatTcpServer", TcpServerListener.class).port();
    }

    Http http() {
        return new Http(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class))
                .withToken(OPERATOR_TOKEN);
    }

    RelayMember join() {
        return new RelayMember(chatPort());
    }

    ChatRoom room() {
        return context.getBean(ChatRoom.class);
    }

    Presence presence() {
        return context.getBean(Presence.class);
    }

    @Override
    public void close() {
        context.close();
    }

}
