package org.shakenpki.stir;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A read-only view of an STI-AS API key, what the key administration API renders: a value, not the
 * {@link ApiKey} entity, and without the hash of its secret.
 *
 * @param spcs the SPCs the key may sign for, in order
 */
public record ApiKeyInfo(long id, String name, List<String> spcs, Attestation maxAttest, OffsetDateTime createdAt,
                         boolean revoked, OffsetDateTime revokedAt) {

    static ApiKeyInfo of(ApiKey key) {
        return new ApiKeyInfo(key.id(), key.name(), List.copyOf(key.spcs()), key.maxAttest(), key.createdAt(),
                key.revoked(), key.revokedAt());
    }
}
