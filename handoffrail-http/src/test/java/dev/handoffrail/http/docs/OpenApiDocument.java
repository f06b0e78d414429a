package dev.handoffrail.http.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The packaged {@code docs/openapi.yaml} for tests: its operations, and validation of a response body against the
 * schema the document gives for that operation and status (networknt, OpenAPI 3.1 dialect).
 */
final class OpenApiDocument {
    private static final String LOCATION = "classpath:" + DocsRoutes.DOCUMENT;
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private final JsonNode document;
    private final SchemaRegistry registry = SchemaRegistry.withDialect(Dialects.getOpenApi31());

    OpenApiDocument() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(DocsRoutes.DOCUMENT)) {
            document = new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode root() {
        return document;
    }

    /** Every documented operation as {@code METHOD /path}. */
    Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        Iterator<String> paths = document.get("paths").fieldNames();
        while (paths.hasNext()) {
            String path = paths.next();
            Iterator<String> methods = document.get("paths").get(path).fieldNames();
            while (methods.hasNext()) {
                String method = methods.next();
                if (METHODS.contains(method)) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        return operations;
    }

    /** The problems of {@code body} against the JSON schema of {@code method path} answering {@code status}. */
    List<Error> validate(String method, String path, int status, String body) {
        String operation = "#/paths/" + escape(path) + "/" + method.toLowerCase(Locale.ROOT);
        JsonNode response = at(operation + "/responses/" + status);
        String pointer = operation + "/responses/" + status;
        if (response.has("$ref")) {
            pointer = response.get("$ref").asText();
        }
        if (!at(pointer).has("content")) {
            // a documented response without content, e.g. 204: the body must be empty
            return body.isEmpty() ? List.of() : List.of(Error.builder().message("unexpected body: " + body).build());
        }
        String schemaPointer = pointer + "/content/application~1json/schema";
        Schema schema = registry.getSchema(SchemaLocation.of(LOCATION + schemaPointer));
        return schema.validate(body, InputFormat.JSON);
    }

    private JsonNode at(String pointer) {
        JsonNode node = document.at(pointer.substring(1));
        if (node.isMissingNode()) {
            throw new AssertionError("the document has nothing at " + pointer);
        }
        return node;
    }

    private static String escape(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }

    static String json(JsonNode node) {
        try {
            return new ObjectMapper().writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
