package io.socketflow.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Turns a bad {@code socketflow.*} setting into one line that names the key, the value, where it came from and
 * what is allowed, ahead of Spring Boot's generic binding report.
 */
class SettingFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

    private static final String ACTION = "Fix the setting. config/application.yml lists every socketflow setting "
            + "with its default and meaning.";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        if (!cause.getName().toString().startsWith("socketflow")) {
            return null;
        }
        String description = describe(cause);
        return (description != null) ? new FailureAnalysis(description, ACTION, cause) : null;
    }

    private static String describe(BindException cause) {
        Throwable reason = cause.getCause();
        if (reason instanceof BindValidationException validation) {
            return validation.getValidationErrors().getAllErrors().stream()
                    .map(error -> invalid(validation, error))
                    .collect(Collectors.joining(System.lineSeparator()));
        }
        if (reason instanceof UnboundConfigurationPropertiesException unbound) {
            return unbound.getUnboundProperties().stream()
                    .map(SettingFailureAnalyzer::unbound)
                    .sorted()
                    .collect(Collectors.joining(System.lineSeparator()));
        }
        ConfigurationProperty property = cause.getProperty();
        if (property != null) {
            return "Invalid setting " + property.getName() + "=" + property.getValue() + origin(property.getOrigin())
                    + ": " + whatIsAllowed(cause);
        }
        return "Invalid settings under " + cause.getName() + ": " + rootMessage(cause);
    }

    /** What the value should have been, from the type it did not convert to; else the converter's own words. */
    private static String whatIsAllowed(BindException cause) {
        Class<?> type = targetType(cause);
        if (type != null && type.isEnum()) {
            return "use " + Arrays.stream(type.getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.joining(", ")) + ".";
        }
        if (type == int.class || type == Integer.class) {
            return "must be a whole number up to " + Integer.MAX_VALUE + ".";
        }
        if (type == long.class || type == Long.class) {
            return "must be a whole number up to " + Long.MAX_VALUE + ".";
        }
        return rootMessage(cause);
    }

    private static @Nullable Class<?> targetType(Throwable failure) {
        for (Throwable reason = failure; reason != null; reason = reason.getCause()) {
            if (reason instanceof ConversionFailedException conversion) {
                return conversion.getTargetType().getType();
            }
        }
        return null;
    }

    /** A setting left unbound: a name that is not a setting, or (a key given no value) one that binds to nothing. */
    private static String unbound(ConfigurationProperty property) {
        if (property.getValue() instanceof CharSequence value && value.toString().isBlank()) {
            return "Empty setting " + property.getName() + origin(property.getOrigin())
                    + ": give it a value, or leave it out for its default.";
        }
        return "Unknown setting " + property.getName() + origin(property.getOrigin())
                + ": there is no such socketflow setting (a misspelling?).";
    }

    private static String invalid(BindValidationException validation, ObjectError error) {
        if (error instanceof FieldError field) {
            String key = validation.getValidationErrors().getName() + "." + kebab(field.getField());
            return "Invalid setting " + key + "=" + field.getRejectedValue() + ": " + error.getDefaultMessage() + ".";
        }
        return "Invalid settings under " + validation.getValidationErrors().getName() + ": " + error.getDefaultMessage()
                + ".";
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static String origin(Origin origin) {
        return (origin != null) ? " (" + origin + ")" : "";
    }

    private static String kebab(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

}
