package io.socketflow.bytecount;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;

import io.socketflow.config.SocketflowProperties;
import io.socketflow.transport.Frame;
import io.socketflow.transport.Listeners;
import io.socketflow.transport.PayloadTransformer;
import io.socketflow.transport.Reply;
import io.socketflow.transport.TcpServerListener;
import io.socketflow.transport.UdpServerListener;

/**
 * The byte count service: {@code Your data was N bytes} for every message, {@code Exit} ends the session.
 */
@Configuration(proxyBeanMethods = false)
class ByteCountConfiguration {

    static final String SERVICE = "bytecount";

    @Bean
    ByteCount byteCount() {
        return new ByteCount();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "socketflow.bytecount.tcp.enabled", matchIfMissing = true)
    static class ByteCountTcp {

        @Bean
        TcpServerListener bytecountTcpServer(Listeners listeners, SocketflowProperties properties) {
            return listeners.tcp(SERVICE, properties.bytecount().tcp());
        }

        @Bean
        IntegrationFlow bytecountTcp(TcpServerListener bytecountTcpServer, ByteCount rule) {
            return IntegrationFlow.from(Tcp.inboundAdapter(bytecountTcpServer).id("bytecountTcpIn"))
                    .transformWith(transformer -> transformer.id("bytecountTcpRule")
                            .transformer(PayloadTransformer.of(Frame.class, frame -> answer(rule, frame))))
                    .fixedSubscriberChannel()
                    .handle(Tcp.outboundAdapter(bytecountTcpServer), endpoint -> endpoint.id("bytecountTcpOut"))
                    .get();
        }

        private static Reply answer(ByteCount rule, Frame frame) {
            ByteCount.Answer answer = rule.reply(frame.payload());
            return answer.endsSession() ? frame.lastReply(answer.text()) : frame.reply(answer.text());
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "socketflow.bytecount.udp.enabled", matchIfMissing = true)
    static class ByteCountUdp {

        @Bean
        UdpServerListener bytecountUdpIn(Listeners listeners, SocketflowProperties properties) {
            return listeners.udp(SERVICE, properties.bytecount().udp());
        }

        @Bean
        IntegrationFlow bytecountUdp(UdpServerListener bytecountUdpIn, ByteCount rule) {
            return IntegrationFlow.from(bytecountUdpIn)
                    .transformWith(transformer -> transformer.id("bytecountUdpRule")
                            .transformer(PayloadTransformer.of(byte[].class, datagram -> rule.reply(datagram).text())))
                    .fixedSubscriberChannel()
                    .handle(bytecountUdpIn.replies(), endpoint -> endpoint.id("bytecountUdpOut"))
                    .get();
        }

    }

}
