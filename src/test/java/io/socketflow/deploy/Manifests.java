package io.socketflow.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the deployment files as an operator's tools would: every YAML document under {@code config/k8s/}
 * and the instructions of the {@code Dockerfile}.
 */
final class Manifests {

    static final Path PROJECT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

    static final Path K8S = PROJECT.resolve("config/k8s");

    private Manifests() {
    }

    /** One YAML document and the file it came from. */
    record Document(Path file, Map<String, Object> content) {

        String kind() {
            return (String) content.get("kind");
        }

        String name() {
            return string(content, "metadata", "name");
        }

        @Override
        public String toString() {
            return PROJECT.relativize(file) + " " + kind() + "/" + name();
        }

    }

    /** A port with its protocol, as Kubernetes and Docker both name them. */
    record Port(int number, String protocol) {

        Port {
            protocol = protocol.toUpperCase(Locale.ROOT);
        }

        static Port tcp(int number) {
            return new Port(number, "TCP");
        }

        static Port udp(int number) {
            return new Port(number, "UDP");
        }

        @Override
        public String toString() {
            return number + "/" + protocol.toLowerCase(Locale.ROOT);
        }

    }

    static List<Path> yamlFiles(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                .filter((file) -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                .sorted()
                .toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static List<Document> documents(Path file) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Document> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object content : yaml.loadAll(reader)) {
                if (content != null) {
                    documents.add(new Document(file, map(content, file.toString())));
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return documents;
    }

    /** Every complete resource that {@code kubectl apply -k config/k8s} or {@code -f} would send. */
    static List<Document> resources() {
        return yamlFiles(K8S).stream()
            .map(Manifests::documents)
            .flatMap(List::stream)
            .filter((document) -> !"Kustomization".equals(document.kind()))
            .toList();
    }

    static Document resource(String file, String kind) {
        List<Document> found = documents(K8S.resolve(file)).stream()
            .filter((document) -> kind.equals(document.kind()))
            .toList();
        if (found.size() != 1) {
            throw new IllegalStateException("expected one " + kind + " in " + file + ", found " + found.size());
        }
        return found.get(0);
    }

    /**
     * The Dockerfile's instructions of one keyword (upper case), continuation lines joined, comments dropped.
     */
    static List<String> dockerfile(String keyword) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        try {
            for (String line : Files.readAllLines(PROJECT.resolve("Dockerfile"))) {
                String trimmed = line.strip();
                if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                    continue;
                }
                boolean continues = trimmed.endsWith("\\");
                current.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
                if (!continues) {
                    String instruction = current.toString().strip();
                    current.setLength(0);
                    String[] parts = instruction.split("\\s+", 2);
                    if (parts[0].equalsIgnoreCase(keyword)) {
                        instructions.add((parts.length > 1) ? parts[1] : "");
                    }
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return instructions;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalStateException(what + " is not a mapping: " + value);
        }
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> node, String... path) {
        Object value = at(node, path);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalStateException(String.join(".", path) + " is not a list: " + value);
        }
        return (List<Map<String, Object>>) list;
    }

    static Map<String, Object> object(Map<String, Object> node, String... path) {
        return map(Objects.requireNonNull(at(node, path), () -> String.join(".", path) + " is missing"),
                String.join(".", path));
    }

    static String string(Map<String, Object> node, String... path) {
        Object value = at(node, path);
        return (value != null) ? value.toString() : null;
    }

    static Object at(Map<String, Object> node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

}
