package org.shakenpki.metrics;

import java.time.Instant;
import java.util.Map;

/**
 * What the database gauges report, read at once by {@link StateGauges}: the latest CRL (null fields when the STI-PA
 * is disabled or has published none), the SP-KMS credentials by state and their expiry by SPC, the oldest unsealed
 * audit record, and which HSM tokens answer.
 *
 * @param expiryBySpc  the earliest certificate expiry of the active and renewing credentials, by SPC
 * @param oldestUnsealed when the oldest audit record not yet in the hash chain was written; null when all are sealed
 */
record StateSnapshot(Instant takenAt, Long crlNumber, Instant crlThisUpdate, Instant crlNextUpdate,
                     Map<String, Long> credentialsByState, long credentialsFailing, Map<String, Instant> expiryBySpc,
                     Instant oldestUnsealed, Map<String, Boolean> tokensOnline) {

    static final StateSnapshot EMPTY = new StateSnapshot(null, null, null, null, Map.of(), 0, Map.of(), null, Map.of());
}
