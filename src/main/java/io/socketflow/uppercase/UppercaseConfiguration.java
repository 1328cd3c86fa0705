package io.socketflow.uppercase;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;

import io.socketflow.config.SocketflowProperties;
import io.socketflow.transport.Frame;
import io.socketflow.transport.Listeners;
import io.socketflow.transport.PayloadTransformer;
import io.socketflow.transport.TcpServerListener;
import io.socketflow.transport.UdpServerListener;

/**
 * The uppercase service: every message comes back uppercased, over TCP and UDP.
 */
@Configuration(proxyBeanMethods = false)
class UppercaseConfiguration {

    static final String SERVICE = "uppercase";

    @Bean
    Uppercase uppercase() {
        return new Uppercase();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "socketflow.uppercase.tcp.enabled", matchIfMissing = true)
    static class UppercaseTcp {

        @Bean
        TcpServerListener uppercaseTcpServer(Listeners listeners, SocketflowProperties properties) {
            return listeners.tcp(SERVICE, properties.uppercase().tcp());
        }

        @Bean
        IntegrationFlow uppercaseTcp(TcpServerListener uppercaseTcpServer, Uppercase rule) {
            return IntegrationFlow.from(Tcp.inboundAdapter(uppercaseTcpServer).id("uppercaseTcpIn"))
                    .transformWith(transformer -> transformer.id("uppercaseTcpRule")
                            .transformer(PayloadTransformer.of(Frame.class, frame -> frame.reply(rule.apply(frame.payload())))))
                    .fixedSubscriberChannel()
                    .handle(Tcp.outboundAdapter(uppercaseTcpServer), endpoint -> endpoint.id("uppercaseTcpOut"))
                    .get();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "socketflow.uppercase.udp.enabled", matchIfMissing = true)
    static class UppercaseUdp {

        @Bean
        UdpServerListener uppercaseUdpIn(Listeners listeners, SocketflowProperties properties) {
            return listeners.udp(SERVICE, properties.uppercase().udp());
        }

        @Bean
        IntegrationFlow uppercaseUdp(UdpServerListener uppercaseUdpIn, Uppercase rule) {
            return IntegrationFlow.from(uppercaseUdpIn)
                    .transformWith(transformer -> transformer.id("uppercaseUdpRule")
                            .transformer(PayloadTransformer.of(byte[].class, rule::apply)))
                    .fixedSubscriberChannel()
                    .handle(uppercaseUdpIn.replies(), endpoint -> endpoint.id("uppercaseUdpOut"))
                    .get();
        }

    }

}
