package io.socketflow.transport;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.support.IdGenerators;
import org.springframework.util.IdGenerator;

/**
 * Message ids from a counter instead of random numbers: every request makes at least two messages, and nothing here
 * persists messages or relies on their ids being unguessable (the Redis relay carries its own envelope ids).
 */
@Configuration(proxyBeanMethods = false)
class MessageIds {

    /** One instance for the JVM: Spring Integration keeps the generator in a static field shared by all contexts. */
    private static final IdGenerator COUNTER = new IdGenerators.SimpleIncrementingIdGenerator();

    @Bean
    IdGenerator messageIdGenerator() {
        return COUNTER;
    }

}
