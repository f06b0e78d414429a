package dev.handoffrail.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark fixtures must stay valid inputs when the code under test moves or changes. */
class PacketJsonBenchmarkTest {

    @Test
    void theLargeBodyIsJustOver64KilobytesAndEveryOperationWorksOnIt() {
        PacketJsonBenchmark benchmark = setUp(65_536);

        assertThat(PacketDocuments.createBody(65_536).length).isBetween(65_536, 66_000);
        assertThat(benchmark.parse().context().conversationState()).hasSizeGreaterThan(300);
        assertThat(benchmark.validate()).isEmpty();
        assertThat(benchmark.render().length).isGreaterThan(65_536);
    }

    @Test
    void theSmallBodyIsTheScenarioBody() {
        PacketJsonBenchmark benchmark = setUp(0);

        assertThat(PacketDocuments.createBody(0).length).isBetween(2_200, 2_500);
        assertThat(benchmark.parse().sourceAgent().id()).isEqualTo("sales-01");
        assertThat(benchmark.validate()).isEmpty();
    }

    private static PacketJsonBenchmark setUp(int bodyBytes) {
        PacketJsonBenchmark benchmark = new PacketJsonBenchmark();
        benchmark.bodyBytes = bodyBytes;
        benchmark.setUp();
        return benchmark;
    }
}
