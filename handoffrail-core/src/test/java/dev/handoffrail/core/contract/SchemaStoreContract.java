package dev.handoffrail.core.contract;

import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.GLOBEX;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static dev.handoffrail.core.testing.SchemaFixtures.aSchema;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.port.out.SchemaStore;
import dev.handoffrail.core.schema.SchemaDefinition;
import dev.handoffrail.core.schema.SchemaId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link SchemaStore} contract. */
public abstract class SchemaStoreContract extends StoreContract {
    private SchemaStore schemas;

    @BeforeEach
    final void givenTenants() {
        givenTwoTenants();
        schemas = stores.schemas();
    }

    @Test
    void an_inserted_schema_is_found_with_every_field_intact_in_its_tenant_only() {
        SchemaDefinition schema = aSchema().createdAt(T0.plusNanos(3_000)).build();

        assertThat(schemas.insert(schema)).isTrue();

        assertThat(schemas.find(ACME, schema.id())).contains(schema);
        assertThat(schemas.find(GLOBEX, schema.id())).isEmpty();
        assertThat(schemas.find(ACME, SchemaId.random())).isEmpty();
    }

    @Test
    void a_duplicate_name_and_version_is_refused_and_stores_nothing() {
        SchemaDefinition original = aSchema().name("ticket").version(1).build();
        SchemaDefinition duplicate = aSchema().name("ticket").version(1).createdAt(T0.plusSeconds(1)).build();
        schemas.insert(original);

        assertThat(schemas.insert(duplicate)).isFalse();

        assertThat(schemas.find(ACME, duplicate.id())).isEmpty();
        assertThat(schemas.find(ACME, original.id())).contains(original);
        assertThat(schemas.count(ACME, "ticket")).isEqualTo(1);
    }

    @Test
    void the_same_name_may_have_other_versions_and_exist_in_other_tenants() {
        schemas.insert(aSchema().name("ticket").version(1).build());

        assertThat(schemas.insert(aSchema().name("ticket").version(2).build())).isTrue();
        assertThat(schemas.insert(aSchema().tenant(GLOBEX).name("ticket").version(1).build())).isTrue();
    }

    @Test
    void schemas_are_listed_newest_first_optionally_by_name_and_paged() {
        SchemaDefinition ticket1 = aSchema().name("ticket").version(1).createdAt(T0).build();
        SchemaDefinition order1 = aSchema().name("order").version(1).createdAt(T0.plusSeconds(1)).build();
        SchemaDefinition ticket2 = aSchema().name("ticket").version(2).createdAt(T0.plusSeconds(2)).build();
        SchemaDefinition ticket3 = aSchema().name("ticket").version(3).createdAt(T0.plusSeconds(3)).build();
        schemas.insert(ticket2);
        schemas.insert(ticket1);
        schemas.insert(ticket3);
        schemas.insert(order1);
        schemas.insert(aSchema().tenant(GLOBEX).name("ticket").version(9).createdAt(T0.plusSeconds(9)).build());

        assertThat(schemas.list(ACME, null, 50, 0)).containsExactly(ticket3, ticket2, order1, ticket1);
        assertThat(schemas.list(ACME, "ticket", 50, 0)).containsExactly(ticket3, ticket2, ticket1);
        assertThat(schemas.list(ACME, "ticket", 1, 1)).containsExactly(ticket2);
        assertThat(schemas.list(ACME, "missing", 50, 0)).isEmpty();
    }

    @Test
    void schemas_are_counted_per_tenant_optionally_by_name() {
        schemas.insert(aSchema().name("ticket").version(1).build());
        schemas.insert(aSchema().name("ticket").version(2).build());
        schemas.insert(aSchema().name("order").version(1).build());
        schemas.insert(aSchema().tenant(GLOBEX).name("ticket").version(1).build());

        assertThat(schemas.count(ACME, null)).isEqualTo(3);
        assertThat(schemas.count(ACME, "ticket")).isEqualTo(2);
        assertThat(schemas.count(GLOBEX, null)).isEqualTo(1);
        assertThat(schemas.count(ACME, "missing")).isZero();
    }
}
