package io.socketflow.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

import org.springframework.stereotype.Component;

/**
 * Keeps {@code /actuator/prometheus} clean for {@code promtool check metrics}: every meter gets help text, and the
 * few built-in meters whose Prometheus names break its conventions (abbreviated units, a {@code _count} suffix on a
 * gauge) or that cannot apply here (HTTP sessions) are left out.
 */
@Component
class ExpositionHygiene implements MeterFilter {

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        String name = id.getName();
        if (name.equals("jvm.compilation.time") || name.equals("process.cpu.time") || name.equals("system.cpu.count")
                || name.startsWith("tomcat.sessions")) {
            return MeterFilterReply.DENY;
        }
        return MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        if (id.getDescription() != null && !id.getDescription().isBlank()) {
            return id;
        }
        String description = id.getName().startsWith("http.server.requests") ? "HTTP requests served on the HTTP port"
                : id.getName().replace('.', ' ');
        return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description, id.getType());
    }

}
