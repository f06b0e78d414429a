package dev.handoffrail.persistence.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {
    @Test
    void without_any_variable_the_sqlite_default_is_used() {
        DatabaseUrl url = DatabaseUrl.fromEnv(Map.of());

        assertThat(url.dialect()).isEqualTo(SqlDialect.SQLITE);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlite:./handoffrail.db");
        assertThat(url.sqliteFile()).contains(Path.of("./handoffrail.db"));
    }

    @Test
    void hr_database_url_wins_over_database_url() {
        DatabaseUrl url = DatabaseUrl.fromEnv(Map.of("HR_DATABASE_URL", "sqlite:///./primary.db",
                "DATABASE_URL", "postgresql://h/fallback"));

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlite:./primary.db");
    }

    @Test
    void database_url_is_used_when_hr_database_url_is_unset_or_blank() {
        DatabaseUrl url = DatabaseUrl.fromEnv(Map.of("HR_DATABASE_URL", "  ", "DATABASE_URL", "postgres://h/app"));

        assertThat(url.dialect()).isEqualTo(SqlDialect.POSTGRESQL);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h/app");
    }

    @Test
    void the_sqlalchemy_sqlite_forms_give_relative_and_absolute_files() {
        assertThat(DatabaseUrl.parse("sqlite+aiosqlite:///./handoffrail.db").sqliteFile())
                .contains(Path.of("./handoffrail.db"));
        assertThat(DatabaseUrl.parse("sqlite:///data/x.db").jdbcUrl()).isEqualTo("jdbc:sqlite:data/x.db");
        DatabaseUrl absolute = DatabaseUrl.parse("sqlite:////var/lib/handoffrail/x.db");
        assertThat(absolute.jdbcUrl()).isEqualTo("jdbc:sqlite:/var/lib/handoffrail/x.db");
        assertThat(absolute.sqliteFile()).contains(Path.of("/var/lib/handoffrail/x.db"));
        assertThat(absolute.dialect()).isEqualTo(SqlDialect.SQLITE);
    }

    @Test
    void a_postgresql_url_moves_the_credentials_out_of_the_jdbc_url_and_keeps_query_parameters() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://handoffrail:s3cret@db.internal:5432/handoffrail"
                + "?sslmode=require&connectTimeout=5");

        assertThat(url.dialect()).isEqualTo(SqlDialect.POSTGRESQL);
        assertThat(url.jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.internal:5432/handoffrail?sslmode=require&connectTimeout=5");
        assertThat(url.user()).contains("handoffrail");
        assertThat(url.password()).contains("s3cret");
        assertThat(url.redacted()).isEqualTo("postgresql://handoffrail:***@db.internal:5432/handoffrail"
                + "?sslmode=require&connectTimeout=5");
    }

    @Test
    void postgres_and_driver_qualified_schemes_are_postgresql_too() {
        assertThat(DatabaseUrl.parse("postgres://u:p@host:5432/db").jdbcUrl())
                .isEqualTo("jdbc:postgresql://host:5432/db");
        assertThat(DatabaseUrl.parse("postgresql+asyncpg://u@host/db").user()).contains("u");
        assertThat(DatabaseUrl.parse("postgresql+asyncpg://u@host/db").password()).isEmpty();
    }

    @Test
    void credentials_are_percent_decoded_and_the_last_at_sign_ends_them() {
        assertThat(DatabaseUrl.parse("postgresql://us%3Aer:p%40ss%2Bw0rd@host/db").password()).contains("p@ss+w0rd");
        assertThat(DatabaseUrl.parse("postgresql://us%3Aer:p%40ss%2Bw0rd@host/db").user()).contains("us:er");
        DatabaseUrl raw = DatabaseUrl.parse("postgresql://u:p@ss+w@host/db");
        assertThat(raw.password()).contains("p@ss+w");
        assertThat(raw.jdbcUrl()).isEqualTo("jdbc:postgresql://host/db");
    }

    @Test
    void ipv6_hosts_and_several_hosts_are_accepted() {
        assertThat(DatabaseUrl.parse("postgresql://[::1]:5433/db").jdbcUrl())
                .isEqualTo("jdbc:postgresql://[::1]:5433/db");
        assertThat(DatabaseUrl.parse("postgresql://a:5432,b:5433/db?targetServerType=primary").jdbcUrl())
                .isEqualTo("jdbc:postgresql://a:5432,b:5433/db?targetServerType=primary");
    }

    @Test
    void jdbc_urls_are_taken_as_they_are_except_for_credentials() {
        DatabaseUrl pg = DatabaseUrl.parse("jdbc:postgresql://host/db?user=app&password=hunter2&ssl=true");
        assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://host/db?ssl=true");
        assertThat(pg.user()).contains("app");
        assertThat(pg.password()).contains("hunter2");
        assertThat(pg.redacted()).isEqualTo("jdbc:postgresql://host/db?ssl=true&user=app&password=***");

        DatabaseUrl sqlite = DatabaseUrl.parse("jdbc:sqlite:/tmp/hr.db");
        assertThat(sqlite.dialect()).isEqualTo(SqlDialect.SQLITE);
        assertThat(sqlite.jdbcUrl()).isEqualTo("jdbc:sqlite:/tmp/hr.db");
        assertThat(sqlite.sqliteFile()).contains(Path.of("/tmp/hr.db"));
    }

    @Test
    void the_password_never_appears_in_to_string() {
        for (String text : new String[] {"postgresql://u:topsecret@h/db", "postgres://u:topsecret@h:1/db?x=1",
            "jdbc:postgresql://h/db?password=topsecret", "jdbc:postgresql://h/db?PASSWORD=topsecret&user=u"}) {
            DatabaseUrl url = DatabaseUrl.parse(text);
            assertThat(url.toString()).as(text).doesNotContain("topsecret").contains("***");
            assertThat(url.jdbcUrl()).as(text).doesNotContain("topsecret");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "handoffrail.db", "mysql://u:p@h/db", "sqlite://", "sqlite:///",
        "sqlite:///:memory:", "jdbc:sqlite::memory:", "jdbc:sqlite:", "sqlite://host/x.db", "sqlite:///x.db?mode=ro",
        "postgresql://host", "postgresql://host/", "postgresql://host/a/b", "postgresql://:5432/db",
        "postgresql://host:99999/db", "postgresql://host:0/db", "postgresql://host:port/db", "postgresql://[::1/db",
        "postgresql:host/db", "jdbc:mysql://h/db", "jdbc:postgresql:", "http://h/db"})
    void malformed_urls_are_rejected_naming_the_variable(String text) {
        assertThatThrownBy(() -> DatabaseUrl.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("HR_DATABASE_URL ");
    }

    @Test
    void an_error_names_the_variable_the_value_came_from_and_hides_the_password() {
        assertThatThrownBy(() -> DatabaseUrl.fromEnv(Map.of("DATABASE_URL", "postgresql://u:topsecret@h:99999/db")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("DATABASE_URL has an invalid port")
                .message().doesNotContain("topsecret");
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:topsecret@h/db"))
                .message().isEqualTo("HR_DATABASE_URL has unsupported scheme 'mysql'; expected sqlite:///relative.db, "
                        + "sqlite:////absolute.db, postgresql://user:pass@host:5432/db, postgres://…, jdbc:sqlite:… "
                        + "or jdbc:postgresql:…");
    }
}
