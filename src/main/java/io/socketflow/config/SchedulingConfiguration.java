package io.socketflow.config;

import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The application's {@code taskScheduler} (idle sweeps, the status page's sampling, the chat's timers) on pooled
 * platform threads even when {@code spring.threads.virtual.enabled} is on. Boot's virtual-thread scheduler parks its
 * trigger thread as a virtual thread and starts each run on another, so every firing of a task of microseconds wakes
 * threads of the carrier pool: about three context switches against under two here, each able to preempt an event
 * loop on a small machine, with three firings a second (two idle sweeps and the status page's sampling).
 */
@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {

    @Bean
    ThreadPoolTaskScheduler taskScheduler(ThreadPoolTaskSchedulerBuilder builder) {
        return builder.build();
    }

}
