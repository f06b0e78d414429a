package dev.handoffrail.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.bench.scenario.WarmUpPolicy.Next;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WarmUpPolicyTest {
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private final WarmUpPolicy policy = WarmUpPolicy.between(Duration.ofSeconds(20), Duration.ofSeconds(300));

    @Test
    void goesOnBeforeTheShortestWarmUpWhateverTheCompilersDo() {
        assertThat(policy.after(Duration.ofSeconds(10), Duration.ZERO, WINDOW)).isEqualTo(Next.CONTINUE);
    }

    @Test
    void endsOnceTheCompilersWorkedAtMostATenthOfTheLastWindow() {
        assertThat(policy.after(Duration.ofSeconds(20), Duration.ofMillis(1_000), WINDOW)).isEqualTo(Next.SETTLED);
        assertThat(policy.after(Duration.ofSeconds(20), Duration.ofMillis(1_001), WINDOW)).isEqualTo(Next.CONTINUE);
        assertThat(policy.after(Duration.ofSeconds(180), Duration.ofMillis(9_800), WINDOW))
                .isEqualTo(Next.CONTINUE);
    }

    @Test
    void endsAtTheLongestWarmUpWhileTheCompilersAreStillBusy() {
        assertThat(policy.after(Duration.ofSeconds(300), Duration.ofSeconds(4), WINDOW)).isEqualTo(Next.AT_MAXIMUM);
        assertThat(policy.after(Duration.ofSeconds(300), Duration.ofMillis(500), WINDOW)).isEqualTo(Next.SETTLED);
    }

    @Test
    void waitsForTheCompilersOnlyWhenTheLongestWarmUpIsLongerThanTheShortest() {
        assertThat(policy.waitsForCompiler()).isTrue();
        assertThat(BenchSettings.quickMode().warmUpPolicy(Duration.ofSeconds(20)).waitsForCompiler()).isFalse();
        assertThat(BenchSettings.quickMode().warmUpPolicy(Duration.ofSeconds(2)))
                .isEqualTo(WarmUpPolicy.between(Duration.ofSeconds(2), Duration.ofSeconds(2)));
        assertThat(BenchSettings.fullMode().warmUpPolicy(Duration.ofSeconds(10)))
                .isEqualTo(new WarmUpPolicy(Duration.ofSeconds(10), BenchSettings.FULL_PRODUCT_WARMUP_MAX, WINDOW,
                        WarmUpPolicy.SETTLED_SHARE));
    }

    @Test
    void aLongerShortestWarmUpRaisesTheLongestWithIt() {
        BenchSettings quick = BenchSettings.quickMode().withProduct(Duration.ofSeconds(60), java.util.List.of());
        BenchSettings full = BenchSettings.fullMode().withProductWarmupMax(Duration.ofSeconds(5));

        assertThat(quick.productWarmupMax()).isEqualTo(Duration.ofSeconds(60));
        assertThat(full.productWarmupMax()).isEqualTo(BenchSettings.DEFAULT_PRODUCT_WARMUP);
    }

    @Test
    void refusesAWindowOfNothing() {
        assertThatThrownBy(() -> new WarmUpPolicy(Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO, 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window PT0S");
    }
}
