package org.shakenpki.audit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verifier against chains sealed as {@link AuditSealer} seals them, then tampered with. */
class ChainVerifierTest {

    /** Seals {@code n} records with ids 10, 20, 30, ... (gaps in ids are normal). */
    static List<ChainEntry> sealed(int n) {
        List<ChainEntry> chain = new ArrayList<>();
        String previous = ChainHash.GENESIS;
        for (int seq = 1; seq <= n; seq++) {
            ChainEntry unsealed = new ChainEntry(seq, seq * 10L, ChainHashTest.AT.plusSeconds(seq), "actor-" + seq,
                    "action", "subject-" + seq, "SUCCESS", "detail " + seq, null);
            previous = ChainHash.next(previous, unsealed);
            chain.add(withHash(unsealed, previous));
        }
        return chain;
    }

    static ChainEntry withHash(ChainEntry e, String hash) {
        return new ChainEntry(e.seq(), e.id(), e.occurredAt(), e.actor(), e.action(), e.subject(), e.outcome(), e.detail(), hash);
    }

    static ChainVerification verify(List<ChainEntry> walked, long headSeq, String headHash) {
        ChainVerifier verifier = new ChainVerifier();
        for (ChainEntry entry : walked) {
            if (!verifier.accept(entry)) {
                break;
            }
        }
        return verifier.result(headSeq, headHash, 2);
    }

    static ChainVerification verify(List<ChainEntry> walked, List<ChainEntry> original) {
        ChainEntry last = original.get(original.size() - 1);
        return verify(walked, last.seq(), last.hash());
    }

    @Test
    void anIntactChainVerifies() {
        List<ChainEntry> chain = sealed(5);
        ChainVerification result = verify(chain, chain);
        assertTrue(result.intact(), result.problem());
        assertEquals(5, result.sealed());
        assertEquals(2, result.unsealed());
        assertEquals(5, result.headSeq());
        assertEquals(chain.get(4).hash(), result.headHash());
        assertNull(result.firstBrokenSeq());
        assertNull(result.problem());
    }

    @Test
    void anEmptyChainVerifiesAgainstTheGenesisHead() {
        ChainVerification result = verify(List.of(), 0, ChainHash.GENESIS);
        assertTrue(result.intact());
        assertEquals(0, result.sealed());
    }

    @Test
    void aModifiedRecordBreaksTheChainAtItsPosition() {
        List<ChainEntry> chain = sealed(5);
        List<ChainEntry> tampered = new ArrayList<>(chain);
        ChainEntry e = chain.get(2);
        tampered.set(2, new ChainEntry(e.seq(), e.id(), e.occurredAt(), e.actor(), e.action(), e.subject(), e.outcome(),
                "detail changed", e.hash()));
        ChainVerification result = verify(tampered, chain);
        assertFalse(result.intact());
        assertEquals(3L, result.firstBrokenSeq());
        assertEquals(2, result.sealed());
    }

    @Test
    void aModifiedRecordWithARecomputedHashBreaksTheNextPosition() {
        List<ChainEntry> chain = sealed(5);
        List<ChainEntry> tampered = new ArrayList<>(chain);
        ChainEntry e = chain.get(2);
        ChainEntry changed = new ChainEntry(e.seq(), e.id(), e.occurredAt(), e.actor(), e.action(), e.subject(), "FAILURE",
                e.detail(), null);
        tampered.set(2, withHash(changed, ChainHash.next(chain.get(1).hash(), changed)));
        assertEquals(4L, verify(tampered, chain).firstBrokenSeq());
    }

    @Test
    void aDeletedRecordIsAMissingPosition() {
        List<ChainEntry> chain = sealed(5);
        List<ChainEntry> tampered = new ArrayList<>(chain);
        tampered.remove(1);
        ChainVerification result = verify(tampered, chain);
        assertFalse(result.intact());
        assertEquals(2L, result.firstBrokenSeq());
        assertTrue(result.problem().contains("missing"), result.problem());
    }

    @Test
    void deletedRecordsAtTheEndDoNotReachTheHead() {
        List<ChainEntry> chain = sealed(5);
        ChainVerification result = verify(chain.subList(0, 3), chain);
        assertFalse(result.intact());
        assertEquals(4L, result.firstBrokenSeq());
    }

    @Test
    void renumberingAfterADeletionBreaksTheHashes() {
        List<ChainEntry> chain = sealed(5);
        List<ChainEntry> tampered = new ArrayList<>();
        tampered.add(chain.get(0));
        for (int i = 2; i < 5; i++) {
            ChainEntry e = chain.get(i);
            tampered.add(new ChainEntry(i, e.id(), e.occurredAt(), e.actor(), e.action(), e.subject(), e.outcome(), e.detail(), e.hash()));
        }
        assertEquals(2L, verify(tampered, 4, chain.get(4).hash()).firstBrokenSeq());
    }

    @Test
    void swappedPositionsBreakTheChain() {
        List<ChainEntry> chain = sealed(5);
        List<ChainEntry> tampered = new ArrayList<>(chain);
        ChainEntry second = chain.get(1);
        ChainEntry third = chain.get(2);
        // the rows keep their contents and hashes but trade positions
        tampered.set(1, new ChainEntry(2, third.id(), third.occurredAt(), third.actor(), third.action(), third.subject(),
                third.outcome(), third.detail(), third.hash()));
        tampered.set(2, new ChainEntry(3, second.id(), second.occurredAt(), second.actor(), second.action(), second.subject(),
                second.outcome(), second.detail(), second.hash()));
        assertEquals(2L, verify(tampered, chain).firstBrokenSeq());
    }

    @Test
    void reorderedRowsAreOutOfOrder() {
        List<ChainEntry> chain = sealed(5);
        List<ChainEntry> tampered = new ArrayList<>(chain);
        tampered.set(1, chain.get(2));
        tampered.set(2, chain.get(1));
        ChainVerification result = verify(tampered, chain);
        assertEquals(2L, result.firstBrokenSeq());
    }

    @Test
    void aHeadThatDoesNotMatchTheLastRecordIsABreak() {
        List<ChainEntry> chain = sealed(3);
        ChainVerification result = verify(chain, 3, ChainHash.GENESIS);
        assertFalse(result.intact());
        assertEquals(3L, result.firstBrokenSeq());
    }
}
