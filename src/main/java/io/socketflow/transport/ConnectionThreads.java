package io.socketflow.transport;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Threads for the little work that may block and so must stay off the event loops (a chat member's last words after
 * it half-closes): virtual where the JVM has them and {@code spring.threads.virtual.enabled} is on, otherwise pooled
 * platform threads.
 */
final class ConnectionThreads {

    private ConnectionThreads() {
    }

    static Executor create(boolean virtual) {
        if (virtual) {
            SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("socketflow-");
            executor.setVirtualThreads(true);
            return executor;
        }
        CustomizableThreadFactory threads = new CustomizableThreadFactory("socketflow-");
        threads.setDaemon(true);
        ExecutorService pool = Executors.newCachedThreadPool(threads);
        return pool;
    }

}
