package org.shakenpki.ca;

import org.junit.jupiter.api.Test;
import org.shakenpki.config.MovableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-node nonce supply (RFC 8555 section 6.5): each nonce handed out once, in minted batches, and never one
 * minted more than {@link NonceSupply#HAND_OUT_WITHIN} ago, so every nonce a client gets has most of its lifetime
 * left. The clock is moved, not waited for.
 */
class NonceSupplyTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final List<Integer> batches = new ArrayList<>();
    private final NonceSupply supply = new NonceSupply();

    NonceSupplyTest() {
        supply.clock = clock;
        supply.nonces = new NonceService() {
            private int minted;

            @Override
            public List<String> mint(int count) {
                batches.add(count);
                List<String> batch = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    batch.add("nonce-" + minted++);
                }
                return batch;
            }
        };
    }

    @Test
    void aBatchIsHandedOutOneNonceAtATimeAndEachOnlyOnce() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < NonceSupply.BATCH * 2; i++) {
            assertTrue(seen.add(supply.next()), "a nonce handed out twice");
        }
        assertEquals(List.of(NonceSupply.BATCH, NonceSupply.BATCH), batches, "one mint per batch");
    }

    @Test
    void noncesMintedLongerAgoThanTheHandOutWindowAreDropped() {
        assertEquals("nonce-0", supply.next());
        clock.advance(NonceSupply.HAND_OUT_WITHIN.minusSeconds(1));
        assertEquals("nonce-1", supply.next(), "still within the window: from the supply");
        clock.advance(Duration.ofSeconds(1));
        assertEquals("nonce-" + NonceSupply.BATCH, supply.next(), "the rest of the old batch is dropped, a new one minted");
        assertEquals(2, batches.size());
    }
}
