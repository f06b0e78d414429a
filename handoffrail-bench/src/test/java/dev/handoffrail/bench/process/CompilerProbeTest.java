package dev.handoffrail.bench.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CompilerProbeTest {

    @Test
    void readsTheCompilersTotalTimeInTicksOfTheHighResolutionTimer() throws IOException {
        String counters = """
                1234:
                java.ci.totalTime=25824822412
                sun.ci.threads=2
                sun.os.hrt.frequency=1000000000
                """;

        assertThat(CompilerProbe.parse(counters)).isEqualTo(Duration.ofNanos(25_824_822_412L));
        assertThat(CompilerProbe.parse("java.ci.totalTime=3000\nsun.os.hrt.frequency=1000\n"))
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void refusesOutputWithoutTheCounters() {
        assertThatThrownBy(() -> CompilerProbe.parse("sun.ci.threads=2\n"))
                .isInstanceOf(IOException.class)
                .hasMessage("no java.ci.totalTime and sun.os.hrt.frequency in PerfCounter.print output");
    }

    @Test
    void readsThisJvmsOwnCompilersThroughJcmd() throws IOException {
        Duration first = CompilerProbe.compileTime(ProcessHandle.current().pid());
        Duration second = CompilerProbe.compileTime(ProcessHandle.current().pid());

        assertThat(first).isPositive();
        assertThat(second).isGreaterThanOrEqualTo(first);
    }
}
