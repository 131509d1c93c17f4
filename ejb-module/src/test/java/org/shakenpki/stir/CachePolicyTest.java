package org.shakenpki.stir;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ATIS-1000074 x5u caching: at least 24 hours whatever the server says, at most a week. */
class CachePolicyTest {
    @Test
    void shortOrMissingDirectivesGiveADay() {
        assertEquals(Duration.ofHours(24), CachePolicy.lifetime(null));
        assertEquals(Duration.ofHours(24), CachePolicy.lifetime("no-cache"));
        assertEquals(Duration.ofHours(24), CachePolicy.lifetime("public, max-age=60"));
        assertEquals(Duration.ofHours(24), CachePolicy.lifetime("max-age=oops"));
    }

    @Test
    void longerMaxAgeIsHonouredUpToAWeek() {
        assertEquals(Duration.ofHours(48), CachePolicy.lifetime("public, max-age=172800"));
        assertEquals(Duration.ofDays(7), CachePolicy.lifetime("max-age=999999999"));
    }
}
