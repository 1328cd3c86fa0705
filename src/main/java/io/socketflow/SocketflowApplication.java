package io.socketflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * socketflow: uppercase, byte count and chat relay over TCP and UDP, on Spring Integration flows.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SocketflowApplication {

    public static void main(String[] args) {
        SpringApplication.run(SocketflowApplication.class, args);
    }

}
