package org.confidant.ratelimit;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.confidant.shared.RateLimited;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;

/**
 * The rate-limit module's public API: spend one request of a key's budget, or be told
 * when to come back.
 */
@NamedInterface("api")
@Service
public class RateLimits {

    private final ProxyManager<String> buckets;

    private final Map<RateLimit, BucketConfiguration> configurations = new EnumMap<>(RateLimit.class);

    RateLimits(ProxyManager<String> buckets, RateLimitSettings settings) {
        this.buckets = buckets;
        settings.budgets()
            .forEach((limit, budget) -> configurations.put(limit,
                    BucketConfiguration.builder()
                        .addLimit(bandwidth -> bandwidth.capacity(budget.requests())
                            .refillGreedy(budget.requests(), budget.per()))
                        .build()));
    }

    /**
     * Spends one request of {@code key}'s budget under {@code limit}.
     * @throws RateLimited when the budget is spent, saying when the next request will be
     * allowed
     */
    public void spend(RateLimit limit, String key) {
        ConsumptionProbe probe = buckets.getProxy(limit.setting() + ":" + key, () -> configurations.get(limit))
            .tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L);
            throw new RateLimited("Too many " + limit.what() + " for now; try again in " + Math.max(1, seconds) + " s.",
                    seconds);
        }
    }

}
