package io.socketflow.observability;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.socketflow.transport.ServiceListener;

/**
 * Health: a component per enabled listener ({@code uppercaseTcp}, {@code chatTcp}, ...), beside Boot's own, UP with
 * its transport, address and port while listening, DOWN otherwise. The readiness group includes them; liveness does
 * not.
 */
@Configuration(proxyBeanMethods = false)
class ListenerHealth {

    private static final String READINESS = "readiness";

    /** Registered by name, as the listeners are only known once their configuration has run. */
    @Bean
    SmartInitializingSingleton listenerHealthRegistration(List<ServiceListener> listeners,
            HealthContributorRegistry registry) {
        return () -> listeners.stream()
                .sorted(Comparator.comparing(listener -> listener.id().beanName()))
                .forEach(listener -> registry.registerContributor(listener.id().beanName(),
                        (HealthIndicator) () -> health(listener)));
    }

    /**
     * The readiness group takes in every listener's component: its members are configured by name
     * ({@code management.endpoint.health.group.readiness.include}), and which listeners exist depends on which are
     * enabled, while naming one that is not would fail Boot's check of the group's members.
     */
    @Bean
    HealthEndpointGroupsPostProcessor listenersInReadiness(List<ServiceListener> listeners) {
        Set<String> names = listeners.stream().map(listener -> listener.id().beanName()).collect(Collectors.toSet());
        return groups -> {
            HealthEndpointGroup readiness = groups.get(READINESS);
            if (readiness == null) {
                return groups;
            }
            Map<String, HealthEndpointGroup> all = new LinkedHashMap<>();
            groups.getNames().forEach(name -> all.put(name, groups.get(name)));
            all.put(READINESS, new WithMembers(readiness, names));
            return HealthEndpointGroups.of(groups.getPrimary(), all);
        };
    }

    private static Health health(ServiceListener listener) {
        Health.Builder builder = listener.isListening() ? Health.up() : Health.down();
        return builder.withDetail("service", listener.id().service())
                .withDetail("transport", listener.id().transport().label())
                .withDetail("bindAddress", listener.bindAddress())
                .withDetail("port", listener.port())
                .build();
    }

    /** A group with some more members, otherwise as configured. */
    private record WithMembers(HealthEndpointGroup group, Set<String> more) implements HealthEndpointGroup {

        @Override
        public boolean isMember(String name) {
            return more.contains(name) || group.isMember(name);
        }

        @Override
        public boolean showComponents(SecurityContext securityContext) {
            return group.showComponents(securityContext);
        }

        @Override
        public boolean showDetails(SecurityContext securityContext) {
            return group.showDetails(securityContext);
        }

        @Override
        public StatusAggregator getStatusAggregator() {
            return group.getStatusAggregator();
        }

        @Override
        public HttpCodeStatusMapper getHttpCodeStatusMapper() {
            return group.getHttpCodeStatusMapper();
        }

        @Override
        public AdditionalHealthEndpointPath getAdditionalPath() {
            return group.getAdditionalPath();
        }

    }

}
