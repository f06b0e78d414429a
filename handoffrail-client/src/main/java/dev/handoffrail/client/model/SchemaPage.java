package dev.handoffrail.client.model;

import java.util.List;

/** One page of schemas, newest first. */
public record SchemaPage(List<Schema> schemas, long total, int limit, int offset) {
    public SchemaPage {
        schemas = Copies.list(schemas);
    }
}
