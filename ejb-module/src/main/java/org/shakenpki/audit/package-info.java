/**
 * The audit log shared by every role, and the hash chain that makes it tamper-evident and provably complete.
 * The STI-PA and STI-CA act under the governance of ATIS-1000080 section 5, which expects their
 * certificate-management actions to be traceable; the certificate-policy framework they follow (RFC 3647
 * section 4.5.4, audit logging procedures) asks for the log to be protected against modification and deletion.
 *
 * <p><b>Writing.</b> {@link org.shakenpki.audit.AuditLog#record} inserts a row in the caller's transaction, so an
 * action and its record commit or roll back together; {@link org.shakenpki.audit.AuditLog#recordIndependently}
 * commits on its own. Rows get their {@code id} from a database sequence. Ids have gaps, and that is harmless:
 * a rolled-back or crashed transaction consumes an id without leaving a row, and nothing can tell such a gap
 * from a deleted row. The id is therefore not the completeness proof; the chain is.
 *
 * <p><b>Sealing.</b> {@link org.shakenpki.audit.AuditSealer} runs every few seconds on every node and, in a
 * transaction of its own, locks the single chain-head row ({@code audit_chain_head}, {@code SELECT ... FOR
 * UPDATE}), reads the committed unsealed records in id order (a bounded batch), gives them the next chain
 * positions ({@code chain_seq} = head + 1, head + 2, ...) and {@code chain_hash} = SHA-256(previous hash ||
 * canonical record, see {@link org.shakenpki.audit.ChainHash}), and moves the head. The positions are contiguous
 * by construction and unique by index (the backstop should two sealers ever race). A record becomes visible to
 * the sealer only once its transaction has committed, so a rolled-back record is never chained, and a record
 * that commits late simply gets a later position than records with higher ids.
 *
 * <p><b>Why sealing is asynchronous.</b> Chaining inside the business transaction would mean taking the
 * head lock there and holding it until that transaction commits (HSM signing, ACME round trips included): every
 * audited action of every node would queue behind one row. Sealing after commit keeps the business transactions
 * independent; the price is a few seconds during which the newest records are committed but unsealed, which
 * {@link org.shakenpki.audit.ChainVerification#unsealed()} reports. A node killed at any moment leaves either
 * committed unsealed records (sealed later by any node) or a rolled-back sealing batch (retried).
 *
 * <p><b>Verifying.</b> {@link org.shakenpki.audit.AuditChain#verify()} walks the chain in position order, a page
 * at a time, and {@link org.shakenpki.audit.ChainVerifier} checks that positions run from 1 without a gap and
 * that every hash recomputes, ending at the head. A changed, deleted or moved sealed record breaks the chain at
 * its position. The chain cannot detect someone who rewrites every hash from some point on with the database
 * open to them; recording the head hash elsewhere from time to time (the admin API returns it) closes that gap
 * up to the last recorded head.
 *
 * <p>May depend on: {@code config} and {@code problem}. Every role writes to it; only the STI-PA's
 * administrators read it ({@code pa.PaAuditTrail}).
 */
package org.shakenpki.audit;
