package io.socketflow.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The whole service on free ports: every listener and the HTTP server pick their own port.
 * Add {@code @TestPropertySource} to change a setting; {@link Ports} tells where each listener is.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "socketflow.uppercase.tcp.port=0", "socketflow.uppercase.udp.port=0",
        "socketflow.bytecount.tcp.port=0", "socketflow.bytecount.udp.port=0",
        "socketflow.uppercase.tcp.bind-address=127.0.0.1", "socketflow.uppercase.udp.bind-address=127.0.0.1",
        "socketflow.bytecount.tcp.bind-address=127.0.0.1", "socketflow.bytecount.udp.bind-address=127.0.0.1",
        "socketflow.chat.tcp.port=0", "socketflow.chat.tcp.bind-address=127.0.0.1" })
public @interface SocketflowTest {

}
