package org.confidant.api;

import java.time.Duration;
import java.util.OptionalLong;

import org.confidant.shared.ApiTokenId;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Each API token's request budget: {@code confidant.api.requests-per-minute}, refilled smoothly. Buckets live in this
 * node's memory (a token idle for ten minutes starts afresh); several nodes sharing buckets is the multi-node issue's
 * part (Bucket4j's Redis back-end takes the same bucket configuration).
 */
@Component
public class ApiRateLimiter {

    private final Cache<ApiTokenId, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10)).maximumSize(100_000).build();
    private final int perMinute;

    ApiRateLimiter(ApiSettings settings) {
        this.perMinute = settings.requestsPerMinute();
    }

    /** Empty when the call may go ahead; otherwise the seconds to wait before the next one will. */
    public OptionalLong tryCall(ApiTokenId token) {
        Bucket bucket = buckets.get(token, id -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
    }
}
