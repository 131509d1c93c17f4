package org.shakenpki.audit;

import java.time.Instant;

/**
 * One audit record as the chain sees it: the fields its hash covers, and the hash stored with it
 * ({@code null} while the record is unsealed, or when the entry is about to be sealed).
 *
 * @param seq        the chain position, 1 for the first sealed record
 * @param id         the record's row id (gaps allowed: the chain, not the id, proves completeness)
 * @param occurredAt when the action happened
 * @param hash       the chain hash stored with the record, lowercase hex
 */
public record ChainEntry(long seq, long id, Instant occurredAt, String actor, String action, String subject,
                         String outcome, String detail, String hash) {
}
