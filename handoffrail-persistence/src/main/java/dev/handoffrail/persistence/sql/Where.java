package dev.handoffrail.persistence.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.jdbi.v3.core.statement.SqlStatement;

/** A WHERE clause assembled from optional filters, with generated parameter names. Not thread-safe. */
final class Where {
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    /** A fresh named parameter holding {@code value}, e.g. {@code :w3}. */
    String param(Object value) {
        String name = "w" + parameters.size();
        parameters.put(name, value);
        return ":" + name;
    }

    Where and(String condition) {
        conditions.add(condition);
        return this;
    }

    /** {@code column IN (…)} over {@code values}, which must not be empty. */
    Where in(String column, Collection<?> values) {
        return and(column + " IN " + list(values));
    }

    /** {@code column NOT IN (…)} over {@code values}, which must not be empty. */
    Where notIn(String column, Collection<?> values) {
        return and(column + " NOT IN " + list(values));
    }

    private String list(Collection<?> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an IN list needs at least one value");
        }
        StringJoiner list = new StringJoiner(", ", "(", ")");
        values.forEach(v -> list.add(param(v)));
        return list.toString();
    }

    /** {@code " WHERE a AND b"}, or empty without conditions. */
    String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    <S extends SqlStatement<S>> S bind(S statement) {
        return statement.bindMap(parameters);
    }
}
