package dev.handoffrail.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every row of every application table (Flyway's history and SQLite's derived full-text index left out), each as one line {@code table|col=value|…}
 * in column order, sorted per table: two dumps compare byte for byte. Columns in {@code masked} are left out
 * (usage stamps that every authenticated request may move, such as {@code api_keys.last_used_at}).
 */
record TableDump(Map<String, List<String>> tables) {
    static TableDump of(String jdbcUrl, Set<String> masked) throws SQLException {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
            for (String table : tableNames(connection, jdbcUrl.startsWith("jdbc:sqlite:"))) {
                List<String> rows = new ArrayList<>();
                try (Statement statement = connection.createStatement();
                     ResultSet result = statement.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData meta = result.getMetaData();
                    while (result.next()) {
                        StringBuilder row = new StringBuilder(table);
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            String column = meta.getColumnName(i);
                            if (!masked.contains(table + "." + column)) {
                                row.append('|').append(column).append('=').append(result.getString(i));
                            }
                        }
                        rows.add(row.toString());
                    }
                }
                Collections.sort(rows);
                tables.put(table, rows);
            }
        }
        return new TableDump(tables);
    }

    int rowCount() {
        return tables.values().stream().mapToInt(List::size).sum();
    }

    /** The rows of this dump that {@code other} does not have, in table order. */
    List<String> rowsMissingFrom(TableDump other) {
        List<String> missing = new ArrayList<>();
        tables.forEach((table, rows) -> {
            Set<String> theirs = Set.copyOf(other.tables.getOrDefault(table, List.of()));
            rows.stream().filter(row -> !theirs.contains(row)).forEach(missing::add);
        });
        return missing;
    }

    private static List<String> tableNames(Connection connection, boolean sqlite) throws SQLException {
        String query = sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                        + "AND table_type = 'BASE TABLE'";
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                String name = result.getString(1);
                // SQLite's full-text index tables are derived from packets by triggers and hold no ids of their own
                if (!name.equalsIgnoreCase("flyway_schema_history") && !name.startsWith("packets_fts")) {
                    names.add(name);
                }
            }
        }
        Collections.sort(names);
        return names;
    }
}
