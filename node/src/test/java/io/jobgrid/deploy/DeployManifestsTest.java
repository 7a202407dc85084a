package io.jobgrid.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.jobgrid.api.NodeConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * deploy/kubernetes/ as Kubernetes would take it: every manifest is a known kind with only known fields,
 * and the parts fit together: selectors match the pods, the headless Service is the one Hazelcast looks
 * up, the Secret has every key the pods read, the probes reach /health, the budget matches the backups.
 */
class DeployManifestsTest {
    private static final Path DIR = Path.of("../deploy/kubernetes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, HasMetadata> BY_KIND = new HashMap<>();

    @BeforeAll
    static void readEveryManifest() throws IOException {
        for (Path file : manifests()) {
            HasMetadata resource = StrictManifests.read(file);
            if (!(resource instanceof Service)) {
                assertThat(BY_KIND.put(resource.getKind(), resource)).as("one %s", resource.getKind()).isNull();
            }
        }
    }

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        JsonNode kustomization = YAML.readTree(DIR.resolve("kustomization.yaml").toFile());
        List<String> listed = new ArrayList<>();
        kustomization.get("resources").forEach(r -> listed.add(r.asText()));

        assertThat(listed).containsExactlyInAnyOrderElementsOf(manifests().stream()
                .map(p -> p.getFileName().toString()).toList());
        assertThat(BY_KIND).containsKeys("StatefulSet", "ConfigMap", "Secret", "PodDisruptionBudget");
        assertThat(services()).hasSize(2);
    }

    @Test
    void servicesAndTheBudgetSelectThePodsOfTheStatefulSet() throws IOException {
        StatefulSet set = kind(StatefulSet.class);
        Map<String, String> podLabels = set.getSpec().getTemplate().getMetadata().getLabels();

        assertThat(podLabels).containsAllEntriesOf(set.getSpec().getSelector().getMatchLabels());
        for (Service service : services()) {
            assertThat(service.getSpec().getSelector()).as(service.getMetadata().getName()).isNotEmpty();
            assertThat(podLabels).as(service.getMetadata().getName()).containsAllEntriesOf(service.getSpec().getSelector());
        }
        PodDisruptionBudget budget = kind(PodDisruptionBudget.class);
        assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(nodeConfig().backupCount());
    }

    @Test
    void hazelcastLooksUpTheHeadlessServiceOfTheStatefulSet() throws IOException {
        Service headless = service(kind(StatefulSet.class).getSpec().getServiceName());
        String shipped = Files.readString(Path.of("../config/hazelcast-kubernetes.yaml"));

        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(headless.getSpec().getPorts()).anyMatch(p -> p.getPort() == 5701);
        assertThat(kind(ConfigMap.class).getData()).containsEntry("hazelcast-kubernetes.yaml", shipped);
        JsonNode join = YAML.readTree(shipped).at("/hazelcast/network/join/kubernetes");
        assertThat(join.get("enabled").asBoolean()).isTrue();
        assertThat(join.get("service-dns").asText()).startsWith(headless.getMetadata().getName() + ".");
        assertThat(nodeConfig().hazelcastConfig().getFileName()).hasToString("hazelcast-kubernetes.yaml");
    }

    @Test
    void podsReadTheirConfigFromTheConfigMapAndTheirSecretsFromTheSecret() throws IOException {
        PodSpec pod = kind(StatefulSet.class).getSpec().getTemplate().getSpec();
        Container node = pod.getContainers().get(0);
        Secret secret = kind(Secret.class);
        Map<String, String> keys = secretValues();

        for (EnvVar env : node.getEnv()) {
            if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret.getMetadata().getName());
                assertThat(keys).as(env.getName()).containsKey(env.getValueFrom().getSecretKeyRef().getKey());
            }
        }
        assertThat(envNames(node)).contains("JOBGRID_TOKEN");
        String mount = node.getVolumeMounts().get(0).getMountPath();
        assertThat(node.getArgs()).containsSubsequence("--config", mount + "/jobgrid.yaml");
        assertThat(pod.getVolumes().get(0).getConfigMap().getName()).isEqualTo(kind(ConfigMap.class).getMetadata().getName());
        assertThat(node.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(nodeConfig().store().url()).startsWith("jdbc:postgresql:");
    }

    @Test
    void probesReachHealthOnTheRestPortWhichTheRestServiceExposes() throws IOException {
        Container node = kind(StatefulSet.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        ContainerPort http = node.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst().orElseThrow();

        assertThat(http.getContainerPort()).isEqualTo(nodeConfig().httpPort());
        assertThat(node.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(node.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
        assertThat(node.getLivenessProbe().getTcpSocket().getPort().getStrVal()).isEqualTo("http");
        assertThat(node.getStartupProbe().getTcpSocket().getPort().getStrVal()).isEqualTo("http");
        Service rest = services().stream().filter(s -> !"None".equals(s.getSpec().getClusterIP())).findFirst().orElseThrow();
        assertThat(rest.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
    }

    @Test
    void aStoppingPodIsDrainedWithinItsGracePeriod() throws IOException {
        PodSpec pod = kind(StatefulSet.class).getSpec().getTemplate().getSpec();
        List<String> preStop = pod.getContainers().get(0).getLifecycle().getPreStop().getExec().getCommand();

        assertThat(String.join(" ", preStop)).contains("bin/jobgrid drain");
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(nodeConfig().drainGrace().toSeconds() + 10);
    }

    @Test
    void refusesAFieldKubernetesDoesNotKnow(@TempDir Path dir) throws IOException {
        Path typo = dir.resolve("service.yaml");
        Files.writeString(typo, Files.readString(DIR.resolve("service-rest.yaml"))
                .replace("  selector:", "  selectr:"));

        assertThatThrownBy(() -> StrictManifests.read(typo)).hasMessageContaining("Service.Spec.selectr");
    }

    /**
     * The ConfigMap's jobgrid.yaml, checked by the node's own loader with the pod's environment: its plain
     * values and the Secret's values where it refers to the Secret.
     */
    private static NodeConfig nodeConfig() throws IOException {
        Path dir = Files.createTempDirectory("jobgrid-k8s");
        kind(ConfigMap.class).getData().forEach((name, text) -> write(dir.resolve(name), text));
        Map<String, String> secret = secretValues();
        Map<String, String> podEnv = new HashMap<>();
        for (EnvVar env : kind(StatefulSet.class).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
            if (env.getValue() != null) {
                podEnv.put(env.getName(), env.getValue());
            } else if (env.getValueFrom().getSecretKeyRef() != null) {
                podEnv.put(env.getName(), secret.get(env.getValueFrom().getSecretKeyRef().getKey()));
            }
        }
        return NodeConfig.read(dir.resolve("jobgrid.yaml"), podEnv::get)
                .httpBind("0.0.0.0").token(podEnv.get("JOBGRID_TOKEN")).build();
    }

    private static Map<String, String> secretValues() {
        Secret secret = kind(Secret.class);
        Map<String, String> values = new HashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> values.put(k, new String(Base64.getDecoder().decode(v), UTF_8)));
        }
        if (secret.getStringData() != null) {
            values.putAll(secret.getStringData());
        }
        return values;
    }

    private static List<String> envNames(Container container) {
        return container.getEnv().stream().map(EnvVar::getName).toList();
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T extends HasMetadata> T kind(Class<T> type) {
        return type.cast(BY_KIND.values().stream().filter(type::isInstance).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + DIR)));
    }

    private static List<Service> services() throws IOException {
        List<Service> services = new ArrayList<>();
        for (Path file : manifests()) {
            if (StrictManifests.read(file) instanceof Service s) {
                services.add(s);
            }
        }
        return services;
    }

    private static Service service(String name) throws IOException {
        return services().stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Service " + name));
    }

    private static List<Path> manifests() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
        }
    }
}
