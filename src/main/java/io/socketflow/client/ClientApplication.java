package io.socketflow.client;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.integration.config.EnableIntegration;

/**
 * The client's application context: Spring Integration and nothing else. No auto-configuration, no component scan,
 * no web server, no listener of the service, no configuration file; the session registers its flows once the
 * arguments are known.
 *
 * <p>Deliberately not a {@code @Configuration}: the service's component scan of {@code io.socketflow} must not
 * pick it up.
 */
@EnableIntegration
final class ClientApplication {

    /** Boot's switch for the background warm-up of Jackson, Validation, Tomcat and the like: the client uses none. */
    private static final String SKIP_BACKGROUND_PREINITIALIZATION = "spring.backgroundpreinitializer.ignore";

    /** Whether the client owns its JVM, and so the JVM-wide settings: logging, background warm-up. */
    enum Jvm {

        /**
         * {@code socketflow client ...}: the console log is off, as stdout carries replies only (the client reports
         * its own failures), and nothing is warmed up in the background.
         */
        OWN,

        /** Inside another application (a test): that application's logging and settings stay as they are. */
        SHARED

    }

    private ClientApplication() {
    }

    static ConfigurableApplicationContext start(Jvm jvm) {
        if (jvm == Jvm.OWN) {
            System.setProperty(SKIP_BACKGROUND_PREINITIALIZATION, "true");
        }
        SpringApplication application = new SpringApplication(ClientApplication.class);
        application.setEnvironment(environment());
        if (jvm == Jvm.SHARED) {
            application.setListeners(application.getListeners().stream()
                    .filter(listener -> !(listener instanceof LoggingApplicationListener))
                    .toList());
        }
        return application.run();
    }

    /**
     * The client's settings, ahead of everything else in the environment, and no configuration file: the service's
     * settings are not the client's, and a banner, a web application type or a log level in them (or in
     * {@code SPRING_MAIN_*} variables) must not reach the client's stdout or start a server.
     */
    private static StandardEnvironment environment() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("socketflowClient", Map.of(
                "spring.config.location", "",
                "spring.main.web-application-type", "none",
                "spring.main.banner-mode", "off",
                "spring.main.log-startup-info", "false",
                "spring.main.lazy-initialization", "true",
                "logging.console.enabled", "false",
                "logging.level.root", "off")));
        return environment;
    }

}
