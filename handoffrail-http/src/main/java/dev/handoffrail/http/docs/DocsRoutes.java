package dev.handoffrail.http.docs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.handoffrail.http.route.Responses;
import dev.handoffrail.http.route.Route;
import dev.handoffrail.http.route.Routes;
import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The API description and its UI, open to everyone: {@code GET /openapi.yaml} (the document packaged from
 * {@code docs/openapi.yaml}), {@code GET /openapi.json} (the same, converted once at start) and {@code GET /docs}
 * (Swagger UI reading {@code /openapi.json}); the UI's files are served by Javalin from the swagger-ui webjar
 * ({@link #install}: {@code /webjars/swagger-ui/<version>/...}).
 */
public final class DocsRoutes {
    static final String DOCUMENT = "dev/handoffrail/http/docs/openapi.yaml";
    private static final String WEBJAR_PROPERTIES = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    private static final String INDEX_TEMPLATE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="UTF-8">
              <title>HandoffRail API</title>
              <link rel="stylesheet" href="{assets}swagger-ui.css">
              <link rel="stylesheet" href="{assets}index.css">
              <link rel="icon" type="image/png" href="{assets}favicon-32x32.png" sizes="32x32">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="{assets}swagger-ui-bundle.js" charset="UTF-8"></script>
              <script src="{assets}swagger-ui-standalone-preset.js" charset="UTF-8"></script>
              <script>
                window.onload = function () {
                  window.ui = SwaggerUIBundle({
                    url: "/openapi.json",
                    dom_id: "#swagger-ui",
                    deepLinking: true,
                    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                    layout: "StandaloneLayout"
                  });
                };
              </script>
            </body>
            </html>
            """;

    private final String yaml;
    private final String json;
    private final String index;

    public DocsRoutes() {
        this.yaml = new String(resource(DOCUMENT), StandardCharsets.UTF_8);
        this.json = toJson(yaml);
        this.index = INDEX_TEMPLATE.replace("{assets}", "/webjars/swagger-ui/" + webjarVersion() + "/");
    }

    /** Serves the webjars on the class path (Swagger UI's files) under {@code /webjars/}. */
    public static void install(JavalinConfig config) {
        config.staticFiles.enableWebjars();
    }

    public void register(Routes routes) {
        routes.add(Route.openGet("/openapi.yaml"), ctx -> ctx.contentType("application/yaml; charset=utf-8")
                .result(yaml));
        routes.add(Route.openGet("/openapi.json"), ctx -> ctx.contentType(Responses.JSON_TYPE).result(json));
        routes.add(Route.openGet("/docs"), ctx -> ctx.contentType("text/html; charset=utf-8").result(index));
    }

    /** The document as JSON text, converted from the YAML source. */
    static String toJson(String yamlText) {
        try {
            JsonNode document = new YAMLMapper().readTree(yamlText);
            return new ObjectMapper().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("docs/openapi.yaml is not valid YAML", e);
        }
    }

    private static String webjarVersion() {
        Properties properties = new Properties();
        try (InputStream in = open(WEBJAR_PROPERTIES)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static byte[] resource(String path) {
        try (InputStream in = open(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String path) {
        InputStream in = DocsRoutes.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("missing class path resource " + path);
        }
        return in;
    }
}
