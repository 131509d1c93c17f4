package org.shakenpki.audit;

/**
 * Checks the audit chain one entry at a time, in position order, so that a chain of any length is verified
 * without holding it in memory: positions must run 1, 2, 3, ... without a gap, every hash must recompute from
 * the previous one ({@link ChainHash}), and the last entry must be the chain head. Stops at the first break.
 */
public final class ChainVerifier {
    private long expectedSeq = 1;
    private String previousHash = ChainHash.GENESIS;
    private Long brokenAt;
    private String problem;

    /** Checks the next entry; false once the chain is broken (further entries are ignored). */
    public boolean accept(ChainEntry entry) {
        if (brokenAt != null) {
            return false;
        }
        if (entry.seq() != expectedSeq) {
            return broken(expectedSeq, entry.seq() > expectedSeq
                    ? "position " + expectedSeq + " is missing (next present: " + entry.seq() + ")"
                    : "position " + entry.seq() + " appears out of order");
        }
        String expected = ChainHash.next(previousHash, entry);
        if (!expected.equals(entry.hash())) {
            return broken(entry.seq(), "record id " + entry.id() + " does not match its chain hash");
        }
        previousHash = entry.hash();
        expectedSeq++;
        return true;
    }

    /** The result, given the chain head and the number of unsealed records. */
    public ChainVerification result(long headSeq, String headHash, long unsealed) {
        long walked = expectedSeq - 1;
        if (brokenAt == null && walked < headSeq) {
            broken(walked + 1, "the chain ends at position " + walked + " but its head is at " + headSeq);
        } else if (brokenAt == null && walked > headSeq) {
            broken(headSeq + 1, "the chain continues past its head at position " + headSeq);
        } else if (brokenAt == null && !previousHash.equals(headHash)) {
            broken(walked, "the last record's hash is not the chain head's");
        }
        return new ChainVerification(brokenAt == null, walked, unsealed, headSeq, headHash, brokenAt, problem);
    }

    private boolean broken(long seq, String why) {
        brokenAt = seq;
        problem = why;
        return false;
    }
}
