package io.socketflow.client;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.dsl.context.IntegrationFlowContext;

import io.socketflow.client.ClientApplication.Jvm;
import io.socketflow.transport.ServiceListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's context holds Spring Integration and nothing of the service.
 */
class ClientApplicationTests {

    @Test
    void startsNoListenerNoWebServerAndNoBeanOfTheService() {
        try (ConfigurableApplicationContext context = ClientApplication.start(Jvm.SHARED)) {
            assertThat(context).isNotInstanceOf(WebServerApplicationContext.class);
            assertThat(context.getBeansOfType(ServiceListener.class)).isEmpty();
            assertThat(context.getBean(IntegrationFlowContext.class)).isNotNull();
            assertThat(Arrays.stream(context.getBeanDefinitionNames())
                    .map(name -> context.getBeanFactory().getBeanDefinition(name).getBeanClassName())
                    .filter(type -> type != null && type.startsWith("io.socketflow.")))
                    .containsExactly(ClientApplication.class.getName());
        }
    }

}
