package org.shakenpki.audit;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChainHashTest {
    static final Instant AT = Instant.parse("2025-03-01T12:34:56.123456Z");

    static ChainEntry entry(long seq, long id) {
        return new ChainEntry(seq, id, AT, "admin", "pa.account.create", "account:SP1", "SUCCESS", "name=Example", null);
    }

    @Test
    void theCanonicalEncodingIsTheLabelThenLengthPrefixedUtf8Fields() {
        ChainEntry entry = new ChainEntry(7, 42, Instant.parse("2025-03-01T12:34:56Z"), "é", "a", "s", "REFUSED", "", null);

        ByteBuffer expected = ByteBuffer.allocate(200);
        expected.put("shaken-pki audit chain v1".getBytes(StandardCharsets.US_ASCII));
        for (String field : List.of("7", "42", "2025-03-01T12:34:56.000000Z", "é", "a", "s", "REFUSED", "")) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            expected.putInt(bytes.length).put(bytes);
        }
        byte[] want = new byte[expected.position()];
        expected.flip().get(want);
        assertArrayEquals(want, ChainHash.canonical(entry));
    }

    @Test
    void theHashIsSha256OfThePreviousHashAndTheCanonicalRecord() throws Exception {
        ChainEntry entry = entry(1, 1);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(new byte[32]);
        sha256.update(ChainHash.canonical(entry));
        assertEquals(HexFormat.of().formatHex(sha256.digest()), ChainHash.next(ChainHash.GENESIS, entry));
    }

    @Test
    void aPinnedVectorKeepsTheFormatStable() {
        // Computed independently (Python hashlib). If this changes, every existing chain stops verifying:
        // a new encoding needs a new label, not an edit of this one.
        assertEquals("441396a804159b816a6454037e5975c16eb60893949b5beca6b200ca41e77195",
                ChainHash.next(ChainHash.GENESIS, entry(1, 1)));
    }

    @Test
    void everyFieldAndThePreviousHashChangeTheHash() {
        String base = ChainHash.next(ChainHash.GENESIS, entry(3, 9));
        List<UnaryOperator<ChainEntry>> changes = List.of(
                e -> new ChainEntry(4, e.id(), e.occurredAt(), e.actor(), e.action(), e.subject(), e.outcome(), e.detail(), null),
                e -> new ChainEntry(e.seq(), 10, e.occurredAt(), e.actor(), e.action(), e.subject(), e.outcome(), e.detail(), null),
                e -> new ChainEntry(e.seq(), e.id(), e.occurredAt().plusNanos(1000), e.actor(), e.action(), e.subject(), e.outcome(), e.detail(), null),
                e -> new ChainEntry(e.seq(), e.id(), e.occurredAt(), "root", e.action(), e.subject(), e.outcome(), e.detail(), null),
                e -> new ChainEntry(e.seq(), e.id(), e.occurredAt(), e.actor(), "pa.account.update", e.subject(), e.outcome(), e.detail(), null),
                e -> new ChainEntry(e.seq(), e.id(), e.occurredAt(), e.actor(), e.action(), "account:SP2", e.outcome(), e.detail(), null),
                e -> new ChainEntry(e.seq(), e.id(), e.occurredAt(), e.actor(), e.action(), e.subject(), "FAILURE", e.detail(), null),
                e -> new ChainEntry(e.seq(), e.id(), e.occurredAt(), e.actor(), e.action(), e.subject(), e.outcome(), "name=Other", null));
        for (UnaryOperator<ChainEntry> change : changes) {
            assertNotEquals(base, ChainHash.next(ChainHash.GENESIS, change.apply(entry(3, 9))));
        }
        assertNotEquals(base, ChainHash.next("1" + ChainHash.GENESIS.substring(1), entry(3, 9)));
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        ChainEntry one = new ChainEntry(1, 1, AT, "ab", "c", "s", "SUCCESS", "d", null);
        ChainEntry other = new ChainEntry(1, 1, AT, "a", "bc", "s", "SUCCESS", "d", null);
        assertNotEquals(ChainHash.next(ChainHash.GENESIS, one), ChainHash.next(ChainHash.GENESIS, other));
    }

    @Test
    void timeIsEncodedToTheMicrosecondWhateverTheInputPrecision() {
        ChainEntry micros = entry(1, 1);
        ChainEntry nanos = new ChainEntry(1, 1, AT.plusNanos(999), "admin", "pa.account.create", "account:SP1", "SUCCESS",
                "name=Example", null);
        assertEquals(ChainHash.next(ChainHash.GENESIS, micros), ChainHash.next(ChainHash.GENESIS, nanos));
    }

    @Test
    void thePreviousHashMustBeAFullHash() {
        assertThrows(IllegalArgumentException.class, () -> ChainHash.next("abc", entry(1, 1)));
    }
}
