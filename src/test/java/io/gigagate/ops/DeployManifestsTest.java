package io.gigagate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every YAML file under deploy/ (and docker-compose.yml) parses, and the manifests carry what the
 * deployment relies on: probes, the security context, the routes ConfigMap mounted where
 * GIGAGATE_ROUTES_DIR points, and references that resolve (Service, HPA, Route, Kustomize files).
 */
class DeployManifestsTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final Path K8S = DEPLOY.resolve("kubernetes");

    @Test
    void everyYamlFileUnderDeployParsesAndKubernetesObjectsHaveKindAndName() throws IOException {
        List<Path> files = yamlFiles(DEPLOY);
        assertThat(files).hasSizeGreaterThan(8);
        for (Path file : files) {
            for (Object doc : parseAll(file)) {
                assertThat(doc).as("%s has content", file).isNotNull();
                if (doc instanceof Map<?, ?> map && map.get("apiVersion") instanceof String) { // Grafana provisioning has a numeric apiVersion
                    assertThat(map.get("kind")).as("%s kind", file).isInstanceOf(String.class);
                    boolean kustomization = "Kustomization".equals(map.get("kind"));
                    if (!kustomization) {
                        assertThat(nested(map, "metadata", "name")).as("%s metadata.name", file).isInstanceOf(String.class);
                    }
                }
            }
        }
    }

    @Test
    void theDeploymentHasProbesResourcesAndALockedDownSecurityContext() throws IOException {
        Map<String, Object> deployment = single(K8S.resolve("deployment.yaml"));
        assertThat(deployment.get("kind")).isEqualTo("Deployment");
        Map<String, Object> pod = map(nested(deployment, "spec", "template", "spec"));
        assertThat(nested(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
        Map<String, Object> container = map(list(pod.get("containers")).get(0));

        assertThat(nested(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        assertThat(nested(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
        assertThat(nested(container, "resources", "requests", "cpu")).isNotNull();
        assertThat(nested(container, "resources", "limits", "memory")).isNotNull();
        assertThat(nested(container, "securityContext", "runAsNonRoot")).isEqualTo(true);
        assertThat(nested(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(nested(container, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(list(nested(container, "securityContext", "capabilities", "drop"))).containsExactly("ALL");

        Map<String, String> mounts = new HashMap<>();
        list(container.get("volumeMounts")).forEach(m -> mounts.put((String) map(m).get("name"), (String) map(m).get("mountPath")));
        assertThat(mounts).containsEntry("tmp", "/tmp");
        String routesDir = list(container.get("env")).stream().map(DeployManifestsTest::map)
                .filter(e -> "GIGAGATE_ROUTES_DIR".equals(e.get("name"))).map(e -> (String) e.get("value")).findFirst().orElseThrow();
        assertThat(mounts).containsEntry("routes", routesDir);
        Map<String, Map<String, Object>> volumes = new HashMap<>();
        list(pod.get("volumes")).forEach(v -> volumes.put((String) map(v).get("name"), map(v)));
        assertThat(volumes.get("tmp")).containsKey("emptyDir");
        assertThat(nested(volumes.get("routes"), "configMap", "name")).isEqualTo("gigagate-routes");
        assertThat(nested(deployment, "spec", "selector", "matchLabels"))
                .isEqualTo(nested(deployment, "spec", "template", "metadata", "labels"));
    }

    @Test
    void serviceHpaRouteAndSecretPointAtTheRightObjects() throws IOException {
        Map<String, Object> deployment = single(K8S.resolve("deployment.yaml"));
        Map<String, Object> service = single(K8S.resolve("service.yaml"));
        Map<String, Object> hpa = single(K8S.resolve("hpa.yaml"));
        Map<String, Object> route = single(DEPLOY.resolve("openshift/route.yaml"));
        Map<String, Object> secret = single(K8S.resolve("secret.yaml"));
        Map<String, Object> config = single(K8S.resolve("configmap.yaml"));

        assertThat(service.get("kind")).isEqualTo("Service");
        assertThat(nested(service, "spec", "selector")).isEqualTo(nested(deployment, "spec", "selector", "matchLabels"));
        assertThat(hpa.get("kind")).isEqualTo("HorizontalPodAutoscaler");
        assertThat(nested(hpa, "spec", "scaleTargetRef", "name")).isEqualTo(nested(deployment, "metadata", "name"));
        assertThat(route.get("kind")).isEqualTo("Route");
        assertThat(nested(route, "spec", "to", "name")).isEqualTo(nested(service, "metadata", "name"));
        assertThat(secret.get("kind")).isEqualTo("Secret");
        assertThat(map(secret.get("stringData"))).containsKeys("GIGACHAT_CREDENTIALS", "GPT2GIGA_API_KEY");
        assertThat(config.get("kind")).isEqualTo("ConfigMap");

        Map<String, Object> container = map(list(nested(deployment, "spec", "template", "spec", "containers")).get(0));
        List<String> envFrom = list(container.get("envFrom")).stream().map(DeployManifestsTest::map)
                .map(e -> (String) map(e.getOrDefault("configMapRef", e.get("secretRef"))).get("name")).toList();
        assertThat(envFrom).containsExactlyInAnyOrder((String) nested(config, "metadata", "name"), (String) nested(secret, "metadata", "name"));
    }

    @Test
    void theKustomizationListsExistingFilesAndEveryRouteFileInItsUpToDateCopy() throws IOException {
        Map<String, Object> kustomization = single(K8S.resolve("kustomization.yaml"));
        for (Object resource : list(kustomization.get("resources"))) {
            assertThat(K8S.resolve((String) resource)).exists();
        }
        Map<String, Object> routes = map(list(kustomization.get("configMapGenerator")).get(0));
        assertThat(routes.get("name")).isEqualTo("gigagate-routes");
        List<String> generated = list(routes.get("files")).stream().map(String.class::cast).toList();

        List<Path> shipped = yamlFiles(Path.of("routes"));
        assertThat(generated).containsExactlyInAnyOrderElementsOf(
                shipped.stream().map(p -> "routes/" + p.getFileName()).toList());
        for (Path file : shipped) {
            assertThat(Files.readString(K8S.resolve("routes").resolve(file.getFileName())))
                    .as("deploy/kubernetes/routes/%s is a copy of routes/%s: cp routes/*.yaml deploy/kubernetes/routes/", file.getFileName(), file.getFileName())
                    .isEqualTo(Files.readString(file));
        }
    }

    @Test
    void composeHasTheGatewayAndAMonitoringProfileWithPrometheusAndGrafana() throws IOException {
        Map<String, Object> compose = single(Path.of("docker-compose.yml"));
        Map<String, Object> services = map(compose.get("services"));

        assertThat(map(services.get("gigagate"))).doesNotContainKey("profiles");
        assertThat(list(map(services.get("prometheus")).get("profiles"))).containsExactly("monitoring");
        assertThat(list(map(services.get("grafana")).get("profiles"))).containsExactly("monitoring");
        Map<String, Object> prometheus = single(DEPLOY.resolve("prometheus/prometheus.yml"));
        Map<String, Object> job = map(list(prometheus.get("scrape_configs")).get(0));
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
    }

    @Test
    void severalReplicasShareStateOnRedisAndADrainKeepsOneServing() throws IOException {
        Map<String, Object> deployment = single(K8S.resolve("deployment.yaml"));
        Map<String, Object> pdb = single(K8S.resolve("pdb.yaml"));
        assertThat((Integer) nested(deployment, "spec", "replicas")).isGreaterThanOrEqualTo(2);
        assertThat(pdb.get("kind")).isEqualTo("PodDisruptionBudget");
        assertThat(nested(pdb, "spec", "selector", "matchLabels")).isEqualTo(nested(deployment, "spec", "selector", "matchLabels"));
        assertThat((Integer) nested(pdb, "spec", "minAvailable")).isGreaterThanOrEqualTo(1);
        assertThat(list(single(K8S.resolve("kustomization.yaml")).get("resources"))).contains("pdb.yaml");
        assertThat(map(single(K8S.resolve("configmap.yaml")).get("data"))).containsEntry("GIGAGATE_STATE", "redis")
                .doesNotContainKey("GIGAGATE_REDIS_URL");
        assertThat(map(single(K8S.resolve("secret.yaml")).get("stringData"))).containsKey("GIGAGATE_REDIS_URL");

        Map<String, Object> services = map(single(Path.of("docker-compose.yml")).get("services"));
        assertThat(list(map(services.get("redis")).get("profiles"))).containsExactly("replicas");
        Map<String, Object> second = map(services.get("gigagate-2"));
        assertThat(list(second.get("profiles"))).containsExactly("replicas");
        assertThat(map(second.get("environment"))).isEqualTo(map(map(services.get("gigagate")).get("environment")))
                .containsKeys("GIGAGATE_STATE", "GIGAGATE_REDIS_URL");
    }

    @Test
    void theGrafanaDashboardQueriesTheGatewaysMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DEPLOY.resolve("grafana/dashboards/gigagate.json").toFile());
        List<String> queries = new ArrayList<>();
        dashboard.get("panels").forEach(p -> p.get("targets").forEach(t -> queries.add(t.get("expr").asText())));

        for (String metric : List.of("gigagate_requests_seconds_count", "gigagate_requests_seconds_bucket",
                "gigagate_gateway_time_seconds_bucket", "gigagate_upstream_seconds_bucket", "gigagate_upstream_errors_total",
                "gigagate_tokens_total", "gigagate_stream_disconnects_total", "gigagate_gigachat_token_fetches_total",
                "gigagate_gigachat_balance")) {
            assertThat(queries).as("a panel uses %s", metric).anyMatch(q -> q.contains(metric));
        }
    }

    @Test
    void theCamelKFilesDeclareTheBeansTheRoutesUse() throws IOException {
        List<Object> beansFile = parseAll(DEPLOY.resolve("camel-k/beans.camel.yaml"));
        List<String> names = list(map(list(beansFile.get(0)).get(0)).get("beans")).stream()
                .map(b -> (String) map(b).get("name")).toList();
        assertThat(names).contains("chatRequestProcessor", "chatResponseProcessor", "chatStreamProcessor", "modelsProcessor",
                "gigaChatUpstreamRoutes", "gigaChatAuthRoutes", "openAiErrorRouteConfiguration", "accessPolicy");
        assertThat(single(DEPLOY.resolve("camel-k/integration.yaml")).get("kind")).isEqualTo("Integration");
    }

    @Test
    void theCamelKIntegrationTakesItsApiKeyAndCredentialsFromTheSecret() throws IOException {
        Map<String, Object> spec = map(single(DEPLOY.resolve("camel-k/integration.yaml")).get("spec"));
        Map<String, Object> container = map(list(map(map(spec.get("template")).get("spec")).get("containers")).get(0));
        Map<String, String> secretKeys = new HashMap<>();
        for (Object env : list(container.get("env"))) {
            Map<String, Object> ref = map(map(map(env).get("valueFrom")).get("secretKeyRef"));
            assertThat(ref.get("name")).isEqualTo("gigagate-credentials");
            secretKeys.put((String) map(env).get("name"), (String) ref.get("key"));
        }
        assertThat(secretKeys).containsEntry("GPT2GIGA_API_KEY", "GPT2GIGA_API_KEY")
                .containsEntry("GIGACHAT_CREDENTIALS", "GIGACHAT_CREDENTIALS");
        assertThat(map(single(DEPLOY.resolve("kubernetes/secret.yaml")).get("stringData"))).containsKeys("GPT2GIGA_API_KEY");
        // and nothing in the properties turns the key off
        assertThat(Files.readString(DEPLOY.resolve("camel-k/application.properties"))).doesNotContain("require-api-key");
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        }
    }

    private static List<Object> parseAll(Path file) throws IOException {
        List<Object> docs = new ArrayList<>();
        new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(file)).forEach(docs::add);
        return docs;
    }

    private static Map<String, Object> single(Path file) throws IOException {
        List<Object> docs = parseAll(file);
        assertThat(docs).as(file.toString()).hasSize(1);
        return map(docs.get(0));
    }

    private static Object nested(Map<?, ?> map, String... path) {
        Object current = map;
        for (String key : path) {
            current = current instanceof Map<?, ?> m ? m.get(key) : null;
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        assertThat(o).isInstanceOf(List.class);
        return (List<Object>) o;
    }
}
