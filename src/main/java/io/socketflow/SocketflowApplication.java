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

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("client")) {
            ClientCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        EventLoops.leakDetectionOffUnlessAsked();
        SpringApplication.run(SocketflowApplication.class, args);
    }

}
