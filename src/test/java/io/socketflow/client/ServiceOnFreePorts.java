package io.socketflow.client;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

import io.socketflow.SocketflowApplication;

/**
 * The service, started in the test's JVM with every listener on a free loopback port: uppercase in {@code text}
 * framing, bytecount in {@code line} framing. One application context, shared by the client tests that use it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = SocketflowApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "server.port=0", "socketflow.uppercase.tcp.port=0", "socketflow.uppercase.udp.port=0",
                "socketflow.bytecount.tcp.port=0", "socketflow.bytecount.tcp.framing=line",
                "socketflow.bytecount.udp.port=0", "socketflow.uppercase.tcp.bind-address=127.0.0.1",
                "socketflow.uppercase.udp.bind-address=127.0.0.1", "socketflow.bytecount.tcp.bind-address=127.0.0.1",
                "socketflow.bytecount.udp.bind-address=127.0.0.1" })
@interface ServiceOnFreePorts {

}
