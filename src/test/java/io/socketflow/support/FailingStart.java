package io.socketflow.support;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import io.socketflow.SocketflowApplication;

/**
 * Starts the whole service as {@code java -jar} would, with the given flags and every port free unless a flag sets
 * it, for tests of what a start-up that must fail tells a person.
 */
public final class FailingStart {

    private static final String[] FREE_PORTS = { "--server.port=0", "--socketflow.uppercase.tcp.port=0",
            "--socketflow.uppercase.udp.port=0", "--socketflow.bytecount.tcp.port=0",
            "--socketflow.bytecount.udp.port=0", "--socketflow.chat.tcp.port=0" };

    private FailingStart() {
    }

    /** Throws whatever stopped start-up; fails the test if the application started. */
    public static void start(String... args) {
        start(WebApplicationType.NONE, args);
    }

    /** As {@link #start}, with the HTTP server too. */
    public static void startWithHttp(String... args) {
        start(WebApplicationType.SERVLET, args);
    }

    private static void start(WebApplicationType type, String... args) {
        SpringApplication application = new SpringApplication(SocketflowApplication.class);
        application.setWebApplicationType(type);
        List<String> all = new ArrayList<>(List.of(args));
        for (String freePort : FREE_PORTS) {
            String key = freePort.substring(0, freePort.indexOf('='));
            if (all.stream().noneMatch(arg -> arg.startsWith(key + "="))) {
                all.add(freePort);
            }
        }
        try (ConfigurableApplicationContext context = application.run(all.toArray(String[]::new))) {
            throw new AssertionError("started although it should not have");
        }
    }

}
