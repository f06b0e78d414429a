package dev.handoffrail.bench.ceiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search ceiling against real SQLite (a temporary file) and real PostgreSQL (127.0.0.1:5432). */
class SearchCeilingTest {

    @Test
    void the_search_text_of_a_bench_body_holds_its_summary_tags_conversation_and_decision() {
        String text = SearchCeiling.searchText(7);

        assertThat(text.lines().toList()).startsWith("Customer 7 wants to upgrade from the Pro plan to the Business"
                        + " plan before the end of the quarter and asked for an invoice in euros.", "upgrade",
                "business-tier", "bench")
                .endsWith("Proceed with upgrade").hasSize(11);
        assertThat(SearchCeiling.searchText(0)).contains("euros zircon0.");
    }

    @Test
    void the_fact_line_gives_the_count_the_page_and_their_sum() {
        SearchCeiling.Cost cost = new SearchCeiling.Cost("upgrade", 1_000_000, Duration.ofMillis(512),
                Duration.ofMillis(7_250));

        assertThat(SearchCeiling.describe("PostgreSQL", 1_000_000, cost)).isEqualTo("PostgreSQL search ceiling"
                + " (a bare table of 1,000,000 search texts with only its full-text index) for 'upgrade'"
                + " (1,000,000 matches): count 512.0 ms + first 50 by relevance 7250.0 ms = 7762.0 ms (medians)");
        assertThat(SearchCeiling.describe("SQLite", 2_000, new SearchCeiling.Cost("zircon0", 1,
                Duration.ofNanos(150_000), Duration.ofNanos(90_000)))).endsWith("for 'zircon0' (1 match): count"
                + " 0.2 ms + first 50 by relevance 0.1 ms = 0.2 ms (medians)");
    }

    abstract static class OnEachDatabase {
        SearchCeiling ceiling;

        @Test
        void every_text_matches_the_common_word_and_one_the_rare_word() throws Exception {
            ceiling.fillTo(250);

            SearchCeiling.Cost common = ceiling.cost("upgrade", 3);
            SearchCeiling.Cost rare = ceiling.cost("zircon0", 3);

            assertThat(common.matches()).isEqualTo(250);
            assertThat(rare.matches()).isEqualTo(1);
            assertThat(common.count()).isPositive();
            assertThat(common.page()).isPositive();
            assertThat(common.total()).isEqualTo(common.count().plus(common.page()));
        }

        @Test
        void the_first_page_of_equally_relevant_texts_is_the_newest_fifty() throws Exception {
            ceiling.fillTo(250);

            assertThat(ceiling.page(wordAsStored("upgrade")))
                    .containsExactlyElementsOf(LongStream.iterate(249, n -> n - 1).limit(50).boxed().toList());
            assertThat(ceiling.page(wordAsStored("zircon0"))).containsExactly(0L);
            assertThat(ceiling.page(wordAsStored("nowhere"))).isEmpty();
        }

        @Test
        void filling_further_adds_only_the_missing_texts() throws Exception {
            ceiling.fillTo(120);
            ceiling.fillTo(100);
            ceiling.fillTo(130);

            assertThat(ceiling.filled()).isEqualTo(130);
            assertThat(ceiling.cost("upgrade", 1).matches()).isEqualTo(130);
        }

        @Test
        void a_search_needs_at_least_one_run() {
            assertThatThrownBy(() -> ceiling.cost("upgrade", 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("runs must be at least 1");
        }

        /** The page query's parameter for a word, as {@link SearchCeiling#cost} binds it. */
        abstract String wordAsStored(String word);

        @AfterEach
        void close() throws SQLException {
            if (ceiling != null) {
                ceiling.close();
            }
        }
    }

    @Nested
    class OnSqlite extends OnEachDatabase {
        @TempDir
        Path directory;

        @BeforeEach
        void open() throws SQLException {
            ceiling = SearchCeiling.open(url());
        }

        private String url() {
            return "jdbc:sqlite:" + directory.resolve("search.db");
        }

        @Override
        String wordAsStored(String word) {
            return '"' + word + '"';
        }
    }

    @Nested
    class OnPostgres extends OnEachDatabase {
        private ScratchPostgres database;

        @BeforeEach
        void open() throws SQLException {
            database = ScratchPostgres.create("hr_bench_search_");
            ceiling = SearchCeiling.open(database.url());
        }

        @AfterEach
        void dropDatabase() throws SQLException {
            if (database == null) {
                return;
            }
            close();
            ceiling = null;
            database.drop();
        }

        @Override
        String wordAsStored(String word) {
            return word;
        }
    }
}
