package io.socketflow.client;

import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.integration.config.EnableIntegration;

/**
 * The client's application context: Spring Integration and nothing else. No auto-configuration, no component scan,
 * no web server, no listener of the service; the session registers its flows once the arguments are known.
 *
 * <p>Deliberately not a {@code @Configuration}: the service's component scan of {@code io.socketflow} must not
 * pick it up.
 */
@EnableIntegration
final class ClientApplication {

    /**
     * Whether the client owns the JVM's logging: a {@code client} process does and turns the console log off, as
     * stdout carries replies only; a client started inside another application (a test) leaves that
     * application's logging alone.
     */
    enum Logging {

        SILENT, INHERITED

    }

    private ClientApplication() {
    }

    static ConfigurableApplicationContext start(Logging logging) {
        SpringApplication application = new SpringApplication(ClientApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        application.setLazyInitialization(true);
        application.setEnvironment(environment());
        if (logging == Logging.INHERITED) {
            application.setListeners(application.getListeners().stream()
                    .filter(listener -> !(listener instanceof LoggingApplicationListener))
                    .toList());
        }
        return application.run();
    }

    /** Settings that come before any configuration file: an operator's logging setup is for the service. */
    private static StandardEnvironment environment() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("socketflowClient",
                Map.of("logging.console.enabled", "false", "logging.level.root", "off")));
        return environment;
    }

}
