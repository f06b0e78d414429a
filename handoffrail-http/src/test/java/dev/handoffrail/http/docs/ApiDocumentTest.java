package dev.handoffrail.http.docs;

import static dev.handoffrail.http.LiveApi.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.http.LiveApi;
import dev.handoffrail.http.TestResponse;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiDocumentTest {
    private static final Set<HandlerType> ROUTE_METHODS =
            Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

    private final OpenApiDocument document = new OpenApiDocument();
    private LiveApi api;

    @BeforeEach
    void start() {
        api = LiveApi.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private Set<String> servedRoutes() {
        Set<String> served = new TreeSet<>();
        for (ParsedEndpoint endpoint : api.app.unsafe.internalRouter.allHttpHandlers()) {
            if (ROUTE_METHODS.contains(endpoint.endpoint.method)) {
                served.add(endpoint.endpoint.method.name() + " " + endpoint.endpoint.path);
            }
        }
        if (api.app.unsafe.wsRouter.getWsPathMatcher().findEndpointHandlerEntry("/ws") != null) {
            served.add("GET /ws");
        }
        return served;
    }

    @Test
    void the_document_describes_exactly_the_routes_the_server_serves() {
        Set<String> served = servedRoutes();
        Set<String> documented = document.operations();

        assertThat(served).contains("GET /ws", "GET /events");
        assertThat(documented).isEqualTo(served);
        assertThat(documented).hasSize(51);
    }

    @Test
    void every_documented_operation_has_an_id_a_summary_and_responses() {
        document.root().get("paths").forEach(item -> item.properties().forEach(operation -> {
            if (!operation.getKey().equals("parameters")) {
                assertThat(operation.getValue().has("operationId")).as(operation.getKey()).isTrue();
                assertThat(operation.getValue().has("summary")).as(operation.getKey()).isTrue();
                assertThat(operation.getValue().get("responses").size()).as(operation.getKey()).isPositive();
            }
        }));
        assertThat(document.root().at("/components/securitySchemes/ApiKey/name").asText()).isEqualTo("X-API-Key");
        assertThat(document.root().get("openapi").asText()).isEqualTo("3.1.0");
    }

    @Test
    void the_yaml_is_served_as_packaged_from_the_docs_folder() throws Exception {
        TestResponse yaml = api.client.get("/openapi.yaml");

        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.header("Content-Type")).startsWith("application/yaml");
        String source = Files.readString(Path.of(System.getProperty("user.dir"), "..", "docs", "openapi.yaml"),
                StandardCharsets.UTF_8);
        assertThat(yaml.body()).isEqualTo(source);
    }

    @Test
    void the_json_is_the_same_document_and_needs_no_key() {
        TestResponse json = api.client.get("/openapi.json");

        assertThat(json.status()).isEqualTo(200);
        assertThat(json.header("Content-Type")).startsWith("application/json");
        assertThat(LiveApi.parse(json.body())).isEqualTo(LiveApi.parse(OpenApiDocument.json(document.root())));
    }

    @Test
    void swagger_ui_is_served_from_its_webjar_and_reads_the_json_document() {
        TestResponse page = api.client.get("/docs");
        Matcher assets = Pattern.compile("/webjars/swagger-ui/[0-9.]+/").matcher(page.body());
        assertThat(assets.find()).isTrue();
        TestResponse bundle = api.client.get(assets.group() + "swagger-ui-bundle.js");
        TestResponse css = api.client.get(assets.group() + "swagger-ui.css");
        TestResponse missing = api.client.get(assets.group() + "secrets.txt");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("url: \"/openapi.json\"").contains(assets.group() + "swagger-ui-bundle.js");
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.header("Content-Type")).startsWith("text/javascript");
        assertThat(bundle.body()).contains("SwaggerUIBundle");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Type")).startsWith("text/css");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json()).containsEntry("code", "NOT_FOUND");
        assertThat(api.get(ROOT, "/docs").status()).isEqualTo(200);
    }
}
