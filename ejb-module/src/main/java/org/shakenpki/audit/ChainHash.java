package org.shakenpki.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The chain hash of the audit log: {@code chain_hash(n) = SHA-256(chain_hash(n-1) || canonical(record n))},
 * with 32 zero bytes before the first record.
 *
 * <p>The canonical encoding is a fixed version label followed by each field as a 4-byte big-endian length and
 * its UTF-8 bytes, in this order: chain position, id (both decimal), time of the action (UTC, always six
 * fractional digits: the precision both H2 and PostgreSQL keep), actor, action, subject, outcome, detail.
 * Length prefixes make the encoding unambiguous (no field can borrow bytes from the next), and the position in
 * the hash makes a record moved to another position fail verification.
 */
public final class ChainHash {
    /** The hash before the first record, lowercase hex: what the chain head holds while nothing is sealed. */
    public static final String GENESIS = "0".repeat(64);

    private static final byte[] LABEL = "shaken-pki audit chain v1".getBytes(StandardCharsets.US_ASCII);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private ChainHash() {
    }

    /** The hash of {@code entry} chained to {@code previous} (lowercase hex); {@code entry.hash()} is ignored. */
    public static String next(String previous, ChainEntry entry) {
        if (previous == null || previous.length() != 64) {
            throw new IllegalArgumentException("previous chain hash must be 64 hex digits");
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(HEX.parseHex(previous));
            sha256.update(canonical(entry));
            return HEX.formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JCA algorithm", e);
        }
    }

    /** The canonical encoding of the fields the hash covers. */
    public static byte[] canonical(ChainEntry entry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(LABEL);
        field(out, Long.toString(entry.seq()));
        field(out, Long.toString(entry.id()));
        field(out, TIME.format(entry.occurredAt().truncatedTo(ChronoUnit.MICROS)));
        field(out, entry.actor());
        field(out, entry.action());
        field(out, entry.subject());
        field(out, entry.outcome());
        field(out, entry.detail());
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String value) {
        byte[] bytes = (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }
}
