package io.socketflow.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import io.socketflow.config.SocketflowProperties;
import io.socketflow.deploy.Manifests.Document;
import io.socketflow.deploy.Manifests.Port;

import static io.socketflow.deploy.Manifests.list;
import static io.socketflow.deploy.Manifests.object;
import static io.socketflow.deploy.Manifests.string;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dockerfile, the Kubernetes manifests and the service's own defaults describe one deployment: the same
 * ports with the same protocols, probes on Boot's health groups, a shutdown that fits the grace period.
 */
class DeploymentManifestsTest {

    /** SPEC §2: every listener's default port; uppercase and bytecount on both transports. */
    private static final Map<String, Port> SPEC_PORTS = specPorts();

    private static final String HTTP_PORT = "http";

    @Test
    void everyManifestIsANamedKubernetesResource() {
        List<Document> resources = Manifests.resources();

        assertThat(resources).allSatisfy((resource) -> {
            assertThat(string(resource.content(), "apiVersion")).as("apiVersion of %s", resource).isNotBlank();
            assertThat(resource.kind()).as("kind of %s", resource).isNotBlank();
            assertThat(resource.name()).as("metadata.name of %s", resource).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        });
        assertThat(resources).extracting(Document::kind)
            .contains("Deployment", "Service", "ServiceMonitor", "ConfigMap");
    }

    @Test
    void theServiceDefaultsAreTheSpecPorts() {
        Binder binder = new Binder(ConfigurationPropertySources.from(embeddedConfiguration()));
        SocketflowProperties socketflow = binder.bindOrCreate("socketflow", SocketflowProperties.class);

        assertThat(Port.tcp(socketflow.uppercase().tcp().portNumber())).isEqualTo(SPEC_PORTS.get("uppercase-tcp"));
        assertThat(Port.udp(socketflow.uppercase().udp().portNumber())).isEqualTo(SPEC_PORTS.get("uppercase-udp"));
        assertThat(Port.tcp(socketflow.bytecount().tcp().portNumber())).isEqualTo(SPEC_PORTS.get("bytecount-tcp"));
        assertThat(Port.udp(socketflow.bytecount().udp().portNumber())).isEqualTo(SPEC_PORTS.get("bytecount-udp"));
        assertThat(Port.tcp(binder.bind("server.port", Integer.class).get())).isEqualTo(SPEC_PORTS.get(HTTP_PORT));
    }

    @Test
    void theExampleConfigurationShowsTheDefaultPorts() {
        Map<String, Object> example = Manifests.documents(Manifests.PROJECT.resolve("config/application.yml"))
            .get(0)
            .content();
        Map<String, Port> shown = new LinkedHashMap<>();
        for (String service : Manifests.object(example, "socketflow").keySet()) {
            for (String transport : List.of("tcp", "udp")) {
                if (Manifests.at(example, "socketflow", service, transport, "port") instanceof Integer port) {
                    shown.put(portName(service, transport), new Port(port, transport));
                }
            }
        }
        shown.put(HTTP_PORT, Port.tcp((Integer) Manifests.at(example, "server", "port")));

        assertThat(shown).containsKeys("uppercase-tcp", "uppercase-udp", "bytecount-tcp", "bytecount-udp", HTTP_PORT);
        assertThat(shown).allSatisfy((name, port) -> assertThat(port).as(name).isEqualTo(SPEC_PORTS.get(name)));
    }

    @Test
    void theDockerfileExposesEveryDefaultPortWithItsProtocol() {
        Set<Port> exposed = new LinkedHashSet<>();
        for (String expose : Manifests.dockerfile("EXPOSE")) {
            for (String entry : expose.split("\\s+")) {
                String[] numberAndProtocol = entry.split("/");
                exposed.add(new Port(Integer.parseInt(numberAndProtocol[0]),
                        (numberAndProtocol.length > 1) ? numberAndProtocol[1] : "tcp"));
            }
        }

        assertThat(exposed).containsExactlyInAnyOrderElementsOf(SPEC_PORTS.values());
    }

    @Test
    void theDeploymentNamesEveryDefaultPortWithItsProtocol() {
        assertThat(containerPorts()).isEqualTo(SPEC_PORTS);
    }

    @Test
    void theServiceCarriesEveryPortToTheSameContainerPort() {
        Map<String, Port> containerPorts = containerPorts();
        Map<String, Object> service = Manifests.resource("service.yaml", "Service").content();
        Map<String, Port> servicePorts = new LinkedHashMap<>();

        for (Map<String, Object> port : list(service, "spec", "ports")) {
            String name = string(port, "name");
            Port exposed = new Port((Integer) port.get("port"), protocol(port));
            Port target = containerPorts.get(string(port, "targetPort"));
            assertThat(target).as("container port named by targetPort of service port %s", name).isNotNull();
            assertThat(exposed).as("service port %s and its container port", name).isEqualTo(target);
            servicePorts.put(name, exposed);
        }

        assertThat(servicePorts).isEqualTo(SPEC_PORTS);
        assertThat(object(service, "spec", "selector")).isEqualTo(podLabels());
    }

    @Test
    void probesAskBootsHealthGroupsOnTheHttpPort() {
        Map<String, Object> container = container();

        assertThat(probe(container, "livenessProbe")).isEqualTo("/actuator/health/liveness");
        assertThat(probe(container, "readinessProbe")).isEqualTo("/actuator/health/readiness");
        assertThat(probe(container, "startupProbe")).isEqualTo("/actuator/health/liveness");
        assertThat(exposedEndpoints()).contains("health");
    }

    @Test
    void theGracePeriodOutlastsThePreStopPauseAndBootsShutdownPhase() {
        Map<String, Object> pod = podSpec();
        List<?> preStop = (List<?>) Manifests.at(container(), "lifecycle", "preStop", "exec", "command");
        Duration pause = Duration.ofSeconds(Long.parseLong(preStop.get(preStop.size() - 1).toString()));
        Duration shutdownPhase = DurationStyle.detectAndParse(
                embeddedConfiguration().getProperty("spring.lifecycle.timeout-per-shutdown-phase").toString());
        Duration grace = Duration.ofSeconds((Integer) pod.get("terminationGracePeriodSeconds"));

        assertThat(preStop.get(0)).isEqualTo("sleep");
        assertThat(embeddedConfiguration().getProperty("server.shutdown")).isEqualTo("graceful");
        assertThat(grace).isGreaterThan(pause.plus(shutdownPhase));
    }

    @Test
    void prometheusScrapesTheActuatorOnTheHttpPort() {
        Port http = SPEC_PORTS.get(HTTP_PORT);
        Map<String, Object> service = Manifests.resource("service.yaml", "Service").content();
        Map<String, Object> podTemplate = object(deployment(), "spec", "template");
        Map<String, Object> monitor = Manifests.resource("servicemonitor.yaml", "ServiceMonitor").content();

        for (Map<String, Object> annotated : List.of(service, podTemplate)) {
            assertThat(object(annotated, "metadata", "annotations")).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", String.valueOf(http.number()))
                .containsEntry("prometheus.io/path", "/actuator/prometheus");
        }
        assertThat(list(monitor, "spec", "endpoints")).singleElement().satisfies((endpoint) -> {
            assertThat(endpoint).containsEntry("port", HTTP_PORT).containsEntry("path", "/actuator/prometheus");
        });
        assertThat(object(monitor, "spec", "selector", "matchLabels")).isEqualTo(object(service, "metadata", "labels"));
        assertThat(exposedEndpoints()).contains("prometheus");
    }

    @Test
    void theImageRunsAsTheNonRootUserThePodRequires() {
        String user = lastInstruction("USER");
        Map<String, Object> podSecurity = object(podSpec(), "securityContext");

        assertThat(user).matches("[1-9][0-9]*(:[0-9]+)?");
        assertThat(podSecurity).containsEntry("runAsNonRoot", true)
            .containsEntry("runAsUser", Integer.parseInt(user.split(":")[0]));
    }

    @Test
    void theImageSizesTheHeapByItsContainerAndRunsJavaAsTheMainProcess() {
        String environment = String.join(" ", Manifests.dockerfile("ENV"));

        assertThat(environment).contains("JAVA_TOOL_OPTIONS=").contains("-XX:MaxRAMPercentage=75")
            .contains("-XX:+ExitOnOutOfMemoryError");
        assertThat(lastInstruction("ENTRYPOINT")).startsWith("[\"java\"");
        assertThat(lastInstruction("HEALTHCHECK")).contains("/actuator/health").contains("8081");
        assertThat(lastInstruction("WORKDIR")).isEqualTo("/application");
    }

    @Test
    void aConfigMountedAtTheWorkingDirectorysConfigFolderIsTheOneBootReads() {
        Map<String, Object> mount = volumeMount("config");

        assertThat(mount).containsEntry("mountPath", lastInstruction("WORKDIR") + "/config");
        assertThat(volume("config")).containsKey("configMap");
    }

    @Test
    void theOperatorTokenSecretBecomesTheOperatorTokenProperty(@TempDir Path root) throws IOException {
        String configTree = configTreeImport();
        Map<String, Object> mount = volumeMount("operator-token");
        Map<String, Object> item = list(volume("operator-token"), "secret", "items").get(0);
        String mountPath = string(mount, "mountPath");
        assertThat(mountPath).startsWith(configTree);
        // A Secret volume as the kubelet lays it out: files are links into a hidden, atomically swapped folder.
        Path secretVolume = Files.createDirectories(root.resolve(mountPath.substring(configTree.length())));
        Path data = Files.createDirectories(secretVolume.resolve("..2026_01_01_00_00_00.000000001"));
        Files.writeString(data.resolve(string(item, "path")), "s3cret\n");
        Files.createSymbolicLink(secretVolume.resolve("..data"), data.getFileName());
        Files.createSymbolicLink(secretVolume.resolve(string(item, "path")),
                Path.of("..data").resolve(string(item, "path")));

        assertThat(propertyFromConfigTree(root, "socketflow.operator.token")).isEqualTo("s3cret");
    }

    @Test
    void aDockerSecretNamedAfterTheTokenPropertyBecomesTheProperty(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("socketflow.operator.token"), "s3cret\n");

        assertThat(propertyFromConfigTree(root, "socketflow.operator.token")).isEqualTo("s3cret");
        assertThat(String.join(" ", Manifests.dockerfile("ENV")))
            .contains("SPRING_CONFIG_IMPORT=\"optional:configtree:/run/secrets/\"");
    }

    @Test
    void theRedisVariantRelaysChatThroughARedisNamedInAConfigMap() {
        Path overlay = Manifests.K8S.resolve("redis");
        Map<String, Object> kustomization = Manifests.documents(overlay.resolve("kustomization.yaml")).get(0).content();
        List<String> resources = strings(kustomization.get("resources"));
        String patchFile = string(list(kustomization, "patches").get(0), "path");
        Map<String, Object> patch = Manifests.documents(overlay.resolve(patchFile)).get(0).content();
        Map<String, Object> patchedContainer = list(patch, "spec", "template", "spec", "containers").get(0);
        Map<String, Object> configMap = resources.stream()
            .filter((resource) -> resource.endsWith(".yaml"))
            .map((resource) -> Manifests.documents(overlay.resolve(resource)))
            .flatMap(List::stream)
            .filter((document) -> "ConfigMap".equals(document.kind()))
            .findFirst()
            .orElseThrow()
            .content();

        assertThat(resources).contains("../");
        assertThat(patch.get("kind")).isEqualTo("Deployment");
        assertThat(string(patch, "metadata", "name")).isEqualTo(string(deployment(), "metadata", "name"));
        assertThat(patchedContainer.get("name")).isEqualTo(container().get("name"));
        assertThat(environment(patchedContainer)).containsEntry("SOCKETFLOW_CHAT_RELAY", "redis");
        assertThat(list(patchedContainer, "envFrom")).extracting((source) -> string(source, "configMapRef", "name"))
            .contains(string(configMap, "metadata", "name"));
        assertThat(object(configMap, "data")).containsKey("SPRING_DATA_REDIS_HOST");
        assertThat((Integer) Manifests.at(patch, "spec", "replicas")).isGreaterThan(1);
    }

    @Test
    void kustomizationsNameOnlyFilesThatExist() {
        for (Path file : Manifests.yamlFiles(Manifests.K8S)) {
            if (!file.getFileName().toString().equals("kustomization.yaml")) {
                continue;
            }
            Map<String, Object> kustomization = Manifests.documents(file).get(0).content();
            List<String> named = new ArrayList<>(strings(kustomization.get("resources")));
            list(kustomization, "patches").forEach((patch) -> named.add(string(patch, "path")));
            assertThat(named).as(file.toString()).isNotEmpty().allSatisfy((name) -> {
                assertThat(file.getParent().resolve(name)).as("named in %s", file).exists();
            });
        }
    }

    @Test
    void theBuildContextLeavesOutBuildOutputAndHistory() throws IOException {
        List<String> ignored = Files.readAllLines(Manifests.PROJECT.resolve(".dockerignore"));

        assertThat(ignored).contains(".git").anyMatch((line) -> line.matches("(\\*\\*/)?target/?"));
    }

    private static Map<String, Port> specPorts() {
        Map<String, Port> ports = new LinkedHashMap<>();
        ports.put("uppercase-tcp", Port.tcp(12000));
        ports.put("uppercase-udp", Port.udp(12000));
        ports.put("bytecount-tcp", Port.tcp(1060));
        ports.put("bytecount-udp", Port.udp(1060));
        ports.put("chat", Port.tcp(8080));
        ports.put(HTTP_PORT, Port.tcp(8081));
        return ports;
    }

    /** The Kubernetes name of a listener's port: chat has only TCP, so its name is plain {@code chat}. */
    private static String portName(String service, String transport) {
        return "chat".equals(service) ? service : service + "-" + transport;
    }

    private static PropertySource<?> embeddedConfiguration() {
        try {
            return new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                .get(0);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static List<String> exposedEndpoints() {
        Object include = embeddedConfiguration().getProperty("management.endpoints.web.exposure.include");
        return List.of(include.toString().split("\\s*,\\s*"));
    }

    private static String propertyFromConfigTree(Path root, String property) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Empty.class).logStartupInfo(false)
            .web(WebApplicationType.NONE)
            .run("--spring.config.import=optional:configtree:" + root + "/")) {
            return context.getEnvironment().getProperty(property);
        }
    }

    /** The folder the Deployment's SPRING_CONFIG_IMPORT reads as a config tree. */
    private static String configTreeImport() {
        String value = environment(container()).get("SPRING_CONFIG_IMPORT");
        Matcher matcher = Pattern.compile("optional:configtree:(.+/)").matcher(value);
        assertThat(matcher.matches()).as("SPRING_CONFIG_IMPORT=%s", value).isTrue();
        return matcher.group(1);
    }

    private static Map<String, Object> deployment() {
        return Manifests.resource("deployment.yaml", "Deployment").content();
    }

    private static Map<String, Object> podSpec() {
        return object(deployment(), "spec", "template", "spec");
    }

    private static Map<String, Object> podLabels() {
        Map<String, Object> labels = object(deployment(), "spec", "template", "metadata", "labels");
        assertThat(object(deployment(), "spec", "selector", "matchLabels")).isEqualTo(labels);
        return labels;
    }

    private static Map<String, Object> container() {
        return list(podSpec(), "containers").get(0);
    }

    private static Map<String, Port> containerPorts() {
        Map<String, Port> ports = new LinkedHashMap<>();
        for (Map<String, Object> port : list(container(), "ports")) {
            ports.put(string(port, "name"), new Port((Integer) port.get("containerPort"), protocol(port)));
        }
        return ports;
    }

    private static String protocol(Map<String, Object> port) {
        return port.containsKey("protocol") ? string(port, "protocol") : "TCP";
    }

    private static String probe(Map<String, Object> container, String probe) {
        Map<String, Object> httpGet = object(container, probe, "httpGet");
        assertThat(containerPorts().get(string(httpGet, "port"))).as("%s port", probe)
            .isEqualTo(SPEC_PORTS.get(HTTP_PORT));
        return string(httpGet, "path");
    }

    private static Map<String, Object> volumeMount(String name) {
        return list(container(), "volumeMounts").stream()
            .filter((mount) -> name.equals(mount.get("name")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no volume mount " + name));
    }

    private static Map<String, Object> volume(String name) {
        return list(podSpec(), "volumes").stream()
            .filter((volume) -> name.equals(volume.get("name")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static Map<String, String> environment(Map<String, Object> container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (Map<String, Object> variable : list(container, "env")) {
            environment.put(string(variable, "name"), string(variable, "value"));
        }
        return environment;
    }

    private static String lastInstruction(String keyword) {
        List<String> instructions = Manifests.dockerfile(keyword);
        assertThat(instructions).as("%s in the Dockerfile", keyword).isNotEmpty();
        return instructions.get(instructions.size() - 1).strip();
    }

    private static List<String> strings(Object value) {
        return ((List<?>) value).stream().map(Object::toString).toList();
    }

    @Configuration(proxyBeanMethods = false)
    static class Empty {

    }

}
