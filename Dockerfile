# socketflow container image.
#
#   docker build -t socketflow .
#   docker run --rm -p 12000:12000 -p 12000:12000/udp -p 1060:1060 -p 1060:1060/udp -p 8080:8080 -p 8081:8081 socketflow
#
# README.md ("Container and Kubernetes") covers environment overrides, the operator token secret, a mounted ./config and Kubernetes.

ARG BUILD_IMAGE=eclipse-temurin:25-jdk
ARG RUNTIME_IMAGE=eclipse-temurin:25-jre

# ---- build: the project's own Maven wrapper, tests skipped (CI runs them), then Boot's layered extraction
FROM ${BUILD_IMAGE} AS build
WORKDIR /build
# The wrapper and the POM first, so the downloaded Maven and dependencies stay cached until pom.xml changes.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
RUN ./mvnw -B package -DskipTests \
 && cp target/socketflow-*.jar application.jar \
 && java -Djarmode=tools -jar application.jar extract --layers --destination extracted

# ---- runtime: a JRE, the four layers from least to most often changed, a non-root user
FROM ${RUNTIME_IMAGE}
RUN groupadd --system --gid 10001 socketflow \
 && useradd --system --uid 10001 --gid socketflow --home-dir /application --no-create-home \
      --shell /usr/sbin/nologin socketflow
# Boot reads ./config/application.yml relative to the working directory: mount one at /application/config/.
WORKDIR /application
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./

# Heap follows the container's memory limit; an OutOfMemoryError ends the process so the orchestrator restarts it.
# Files under /run/secrets/ become properties named after the file (socketflow.operator.token).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    SPRING_CONFIG_IMPORT="optional:configtree:/run/secrets/"

USER 10001:10001
EXPOSE 12000/tcp 12000/udp 1060/tcp 1060/udp 8080/tcp 8081/tcp

# bash's /dev/tcp instead of curl or wget, so the probe needs nothing beyond the base OS.
# Follows SERVER_PORT when the HTTP port is moved through the environment. Readiness: the listeners, not Redis, whose
# outage leaves every instance serving (health says so, but the container is not broken).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT:-8081} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

# Exec form: java is PID 1 and gets SIGTERM itself, which starts Boot's graceful shutdown.
ENTRYPOINT ["java", "-jar", "application.jar"]
