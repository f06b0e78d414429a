package dev.handoffrail.core.memory;

import dev.handoffrail.core.contract.RateLimiterContract;
import dev.handoffrail.core.port.out.RateLimiter;

class InMemoryRateLimiterTest extends RateLimiterContract {
    @Override
    protected RateLimiter newRateLimiter() {
        return new InMemoryRateLimiter();
    }
}
