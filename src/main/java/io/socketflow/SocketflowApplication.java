package io.socketflow;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.socketflow.client.ClientCommand;
import io.socketflow.transport.EventLoops;

/**
 * socketflow: uppercase, byte count and chat relay over TCP and UDP, on Spring Integration flows. With
 * {@code client} as its first argument, the same jar is a client for those protocols instead, and starts none of
 * the service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SocketflowApplication {

    static final String USAGE = """
            Usage: java -jar socketflow.jar [--setting=value ...]    runs the service
                   java -jar socketflow.jar client tcp|udp|chat ...  the client (client --help)

            The service listens on uppercase 12000 (TCP and UDP), bytecount 1060 (TCP and UDP) and chat 8080 (TCP),
            with Actuator, the operator API and the status page on HTTP 8081. Every setting is a Spring Boot property,
            per listener socketflow.<uppercase|bytecount|chat>.<tcp|udp>.<key>, given as a flag
            (--socketflow.uppercase.tcp.port=13000), an environment variable (SOCKETFLOW_UPPERCASE_TCP_PORT=13000) or
            in ./config/application.yml; the README lists them all.
            """;

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("client")) {
            ClientCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(USAGE);
            return;
        }
        EventLoops.leakDetectionOffUnlessAsked();
        SpringApplication.run(SocketflowApplication.class, args);
    }

}
