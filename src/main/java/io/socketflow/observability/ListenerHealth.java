package io.socketflow.observability;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.socketflow.transport.ServiceListener;

/**
 * Health: a {@code listeners} component with one child per enabled listener ({@code uppercaseTcp},
 * {@code chatTcp}, ...), UP with its transport, address and port while listening, DOWN otherwise. The readiness
 * group includes it; liveness does not.
 */
@Configuration(proxyBeanMethods = false)
class ListenerHealth {

    @Bean
    CompositeHealthContributor listenersHealthContributor(List<ServiceListener> listeners) {
        Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
        listeners.stream()
                .sorted(java.util.Comparator.comparing(listener -> listener.id().beanName()))
                .forEach(listener -> indicators.put(listener.id().beanName(), () -> health(listener)));
        return CompositeHealthContributor.fromMap(indicators);
    }

    private static Health health(ServiceListener listener) {
        Health.Builder builder = listener.isListening() ? Health.up() : Health.down();
        return builder.withDetail("service", listener.id().service())
                .withDetail("transport", listener.id().transport().label())
                .withDetail("bindAddress", listener.bindAddress())
                .withDetail("port", listener.port())
                .build();
    }

}
