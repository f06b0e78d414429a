package dev.handoffrail.adapters.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.port.out.ContextSchemaValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The core's JSON Schema port on networknt json-schema-validator: {@code $schema} picks the draft (2020-12 when
 * absent), a schema must have {@code type}, satisfy its draft's meta-schema and compile; remote references are
 * never fetched. Validation errors name the failing location under {@code context} with messages worded like
 * {@code 'amount' is a required property}. Thread-safe; compiled schemas are cached.
 */
public final class NetworkntContextSchemaValidator implements ContextSchemaValidator {
    private static final String DEFAULT_DIALECT = SpecificationVersion.DRAFT_2020_12.getDialectId();
    private static final int MAX_CACHED = 1_000;
    private static final int MAX_SHOWN = 80;
    private static final Pattern JAVA_CLASS_PREFIX = Pattern.compile("^([a-z][a-z0-9_]*\\.)+[A-Z]\\w*: ");

    private final ObjectMapper mapper = new ObjectMapper();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    @Override
    public String compileError(Map<String, Object> jsonSchema) {
        if (jsonSchema == null) {
            return "json_schema must be a JSON object";
        }
        if (!jsonSchema.containsKey("type")) {
            return "json_schema must contain 'type'";
        }
        try {
            compile(jsonSchema);
            return null;
        } catch (InvalidSchema e) {
            return e.getMessage();
        }
    }

    @Override
    public List<FieldError> validate(Map<String, Object> jsonSchema, Map<String, Object> contextJson) {
        Schema schema;
        try {
            schema = compile(jsonSchema);
        } catch (InvalidSchema e) {
            return List.of(new FieldError("context", e.getMessage()));
        }
        List<FieldError> errors = new ArrayList<>();
        for (Error error : schema.validate(mapper.valueToTree(contextJson))) {
            errors.add(new FieldError(field(error.getInstanceLocation()), message(error)));
        }
        return errors;
    }

    private Schema compile(Map<String, Object> jsonSchema) {
        String key = canonical(jsonSchema);
        Schema cached = compiled.get(key);
        if (cached != null) {
            return cached;
        }
        Schema schema = compileNew(mapper.valueToTree(jsonSchema));
        if (compiled.size() >= MAX_CACHED) {
            compiled.clear();
        }
        compiled.put(key, schema);
        return schema;
    }

    private Schema compileNew(JsonNode node) {
        JsonNode declared = node.get("$schema");
        if (declared != null && !declared.isTextual()) {
            throw new InvalidSchema("$schema must be a string");
        }
        String dialect = declared == null ? DEFAULT_DIALECT : declared.asText();
        if (SpecificationVersion.fromDialectId(dialect).isEmpty()) {
            throw new InvalidSchema("unknown $schema '" + dialect + "'");
        }
        try {
            Schema metaSchema = registry.getSchema(SchemaLocation.of(dialect));
            List<Error> problems = metaSchema.validate(node);
            if (!problems.isEmpty()) {
                Error first = problems.get(0);
                String at = first.getInstanceLocation().getNameCount() == 0 ? ""
                        : " (at '" + pointer(first.getInstanceLocation()) + "')";
                throw new InvalidSchema(first.getMessage() + at);
            }
            Schema schema = registry.getSchema(node);
            schema.initializeValidators();
            return schema;
        } catch (InvalidSchema e) {
            throw e;
        } catch (RuntimeException e) {
            // the library reports unknown dialects, unresolvable $refs and bad regexes as assorted exceptions
            throw new InvalidSchema(describe(e));
        }
    }

    /** The library's reason in one line, without Java class names. */
    private static String describe(RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof PatternSyntaxException bad) {
            return "invalid regular expression '" + bad.getPattern() + "': " + bad.getDescription();
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return "cannot be compiled";
        }
        String line = message.lines().findFirst().orElse(message);
        return JAVA_CLASS_PREFIX.matcher(line).replaceFirst("");
    }

    private String canonical(Map<String, Object> jsonSchema) {
        try {
            return mapper.writeValueAsString(jsonSchema);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("json_schema is not a plain JSON value", e);
        }
    }

    /** {@code context}, {@code context.custom}, {@code context.conversation_state[0].role}. */
    static String field(NodePath location) {
        StringBuilder field = new StringBuilder("context");
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Number) {
                field.append('[').append(element).append(']');
            } else {
                field.append('.').append(element);
            }
        }
        return field.toString();
    }

    private static String pointer(NodePath location) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            pointer.append('/').append(location.getElement(i));
        }
        return pointer.toString();
    }

    /** The messages of the common keywords in the wording clients know; the library's wording otherwise. */
    private String message(Error error) {
        JsonNode instance = error.getInstanceNode();
        JsonNode schemaValue = error.getSchemaNode();
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        return switch (keyword) {
            case "required" -> quote(propertyOf(error)) + " is a required property";
            case "type" -> show(instance) + " is not of type " + expectedTypes(schemaValue);
            case "enum" -> show(instance) + " is not one of " + list(schemaValue);
            case "const" -> show(schemaValue) + " was expected";
            case "minimum" -> show(instance) + " is less than the minimum of " + show(schemaValue);
            case "maximum" -> show(instance) + " is greater than the maximum of " + show(schemaValue);
            case "exclusiveMinimum" -> show(instance) + " is less than or equal to the minimum of "
                    + show(schemaValue);
            case "exclusiveMaximum" -> show(instance) + " is greater than or equal to the maximum of "
                    + show(schemaValue);
            case "minLength", "minItems", "minProperties" -> show(instance) + " is too short";
            case "maxLength", "maxItems", "maxProperties" -> show(instance) + " is too long";
            case "pattern" -> show(instance) + " does not match " + show(schemaValue);
            case "additionalProperties" -> "Additional properties are not allowed (" + quote(propertyOf(error))
                    + " was unexpected)";
            default -> error.getMessage();
        };
    }

    private static String propertyOf(Error error) {
        if (error.getProperty() != null) {
            return error.getProperty();
        }
        Object[] arguments = error.getArguments();
        return arguments != null && arguments.length > 0 ? String.valueOf(arguments[0]) : "";
    }

    private String expectedTypes(JsonNode types) {
        if (types != null && types.isArray()) {
            List<String> names = new ArrayList<>();
            types.forEach(type -> names.add(quote(type.asText())));
            return String.join(", ", names);
        }
        return quote(types == null ? "" : types.asText());
    }

    private String list(JsonNode values) {
        if (values == null || !values.isArray()) {
            return show(values);
        }
        List<String> shown = new ArrayList<>();
        values.forEach(value -> shown.add(show(value)));
        return "[" + String.join(", ", shown) + "]";
    }

    /** A value as the message shows it: strings in single quotes, everything else as JSON, long ones cut. */
    private String show(JsonNode value) {
        if (value == null) {
            return "null";
        }
        String text = value.isTextual() ? quote(value.asText()) : value.toString();
        return text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "..." : text;
    }

    private static String quote(String text) {
        return "'" + text + "'";
    }

    /** A schema that cannot be used; its message is the client-facing reason. */
    private static final class InvalidSchema extends RuntimeException {
        InvalidSchema(String message) {
            super(message, null, false, false);
        }
    }
}
