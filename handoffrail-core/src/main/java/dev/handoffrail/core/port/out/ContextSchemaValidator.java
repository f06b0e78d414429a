package dev.handoffrail.core.port.out;

import dev.handoffrail.core.error.FieldError;
import java.util.List;
import java.util.Map;

/**
 * JSON Schema support for the schema registry. Implemented with a real JSON Schema library outside the core.
 * Thread-safe.
 */
public interface ContextSchemaValidator {
    /**
     * Null when {@code jsonSchema} compiles; otherwise why not. {@code $schema} selects the draft (default
     * 2020-12).
     */
    String compileError(Map<String, Object> jsonSchema);

    /**
     * Validates a packet context (in its wire form: summary, conversation_state, artifacts, custom) against the
     * schema. Field paths are prefixed with {@code context}; the message says what is wrong. Empty when valid.
     */
    List<FieldError> validate(Map<String, Object> jsonSchema, Map<String, Object> contextJson);
}
