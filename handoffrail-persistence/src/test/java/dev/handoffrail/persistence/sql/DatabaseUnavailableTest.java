package dev.handoffrail.persistence.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {
    @Test
    void a_lost_connection_anywhere_in_the_causes_is_service_unavailable() {
        for (SQLException cause : new SQLException[] {new SQLException("I/O error", "08006"),
            new SQLException("terminating connection due to administrator command", "57P01"),
            new SQLException("the database system is starting up", "57P03"),
            new SQLException("too many connections", "53300"),
            new SQLTransientConnectionException("pool - Connection is not available, request timed out after 3000ms"),
            new SQLException("[SQLITE_BUSY] The database file is locked (database is locked)")}) {
            RuntimeException translated = DatabaseUnavailable.translate(new IllegalStateException("wrapped",
                    new RuntimeException(cause)));

            assertThat(translated).isInstanceOf(HandoffRailException.class);
            assertThat(((HandoffRailException) translated).code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
            assertThat(translated.getMessage()).isEqualTo("Database unavailable; retry later");
        }
    }

    @Test
    void any_other_failure_passes_unchanged() {
        RuntimeException syntax = new IllegalStateException(new SQLException("syntax error", "42601"));
        RuntimeException domain = new HandoffRailException(ErrorCode.CONFLICT, "conflict");
        RuntimeException bug = new NullPointerException();

        assertThat(DatabaseUnavailable.translate(syntax)).isSameAs(syntax);
        assertThat(DatabaseUnavailable.translate(domain)).isSameAs(domain);
        assertThat(DatabaseUnavailable.translate(bug)).isSameAs(bug);
    }
}
