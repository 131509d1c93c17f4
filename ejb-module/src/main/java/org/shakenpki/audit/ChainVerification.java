package org.shakenpki.audit;

/**
 * The result of walking the audit chain ({@link AuditChain#verify()}).
 *
 * @param intact         true when positions 1 to {@code headSeq} are all present, in order, and every hash
 *                       recomputes, ending at the chain head
 * @param sealed         the sealed records walked before the first break (all of them when intact)
 * @param unsealed       committed records not yet sealed (the sealer runs every few seconds)
 * @param headSeq        the last sealed position according to the chain head
 * @param headHash       the chain head's hash: record it elsewhere to detect a rewritten chain later
 * @param firstBrokenSeq the first position that is missing, out of order or does not verify; {@code null} when
 *                       intact
 * @param problem        what is wrong at that position; {@code null} when intact
 */
public record ChainVerification(boolean intact, long sealed, long unsealed, long headSeq, String headHash,
                                Long firstBrokenSeq, String problem) {
}
