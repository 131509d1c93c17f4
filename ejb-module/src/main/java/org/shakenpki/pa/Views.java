package org.shakenpki.pa;

import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Read-only views of the STI-PA's records (service-provider accounts and SPCs, the STI-CA trust list,
 * revocations, the CRL), what the STI-PA API renders: values, not the JPA entities, so no caller outside the
 * STI-PA can change or lazily load its rows (ATIS-1000080 section 5: the STI-PA alone administers them).
 */
public final class Views {
    private Views() {
    }

    /** A service-provider account with its SPCs, in SPC order. */
    public record Account(String accountId, String name, boolean active, boolean caAllowed, OffsetDateTime createdAt,
                          List<Spc> spcs) {
        static Account of(ServiceProviderAccount account, List<ServiceProviderCode> spcs) {
            return new Account(account.accountId(), account.name(), account.active(), account.caAllowed(),
                    account.createdAt(), spcs.stream().map(Spc::of).toList());
        }
    }

    /** A Service Provider Code of an account, and whether tokens are issued for it. */
    public record Spc(String spc, boolean active) {
        static Spc of(ServiceProviderCode code) {
            return new Spc(code.spc(), code.active());
        }
    }

    /** An STI-CA root on the trust list (ATIS-1000080 section 6.3.4), by SHA-256 fingerprint of its DER. */
    public record Anchor(String fingerprint, String subject, OffsetDateTime addedAt, X509Certificate certificate) {
        static Anchor of(TrustAnchor anchor) {
            return new Anchor(anchor.fingerprint(), anchor.subject(), anchor.addedAt(), anchor.certificate());
        }
    }

    /** A revoked certificate on the STI-PA CRL; {@code reason} is the RFC 5280 section 5.3.1 CRLReason code. */
    public record Revoked(String issuerName, String serialHex, int reason, OffsetDateTime revokedAt, String requestedBy) {
        static Revoked of(Revocation revocation) {
            return new Revoked(revocation.issuerName(), revocation.serialHex(), revocation.reason(),
                    revocation.revokedAt(), revocation.requestedBy());
        }
    }

    /** The CRL as published (RFC 5280 section 5): its DER and its update times. */
    public record Crl(byte[] der, OffsetDateTime thisUpdate, OffsetDateTime nextUpdate) {
        static Crl of(PublishedCrl crl) {
            return new Crl(crl.der(), crl.thisUpdate(), crl.nextUpdate());
        }
    }

    /**
     * A published generation of an STI-PA signer ({@link PaKeyRollover}): {@code state} is CURRENT (signs), NEXT
     * (staged, published, not signing yet) or RETIRED (replaced, still published); {@code since} is when it
     * reached that state; {@code url} is where it is downloaded (the x5u of the tokens it signs).
     */
    public record Signer(String purpose, String state, String serialHex, String subject, java.time.Instant notAfter,
                         OffsetDateTime since, String url) {
    }

    /** A user of the STI-PA, without its password hash; {@code locked} while failed logins lock it out. */
    public record User(String userId, UserRole role, String accountId, boolean active, boolean locked,
                       String caFingerprint, OffsetDateTime createdAt) {
        static User of(PaUser user, OffsetDateTime now) {
            return new User(user.userId(), user.role(), user.accountId(), user.active(),
                    user.lockedUntil() != null && user.lockedUntil().isAfter(now), user.caFingerprint(), user.createdAt());
        }
    }

    /** A provider's request for an additional SPC and, once decided, who decided it and why. */
    public record SpcAsk(long id, String accountId, String spc, String reason, SpcRequest.State state, String requestedBy,
                         OffsetDateTime requestedAt, String decidedBy, OffsetDateTime decidedAt, String decisionNote) {
        static SpcAsk of(SpcRequest request) {
            return new SpcAsk(request.id(), request.accountId(), request.spc(), request.reason(), request.state(),
                    request.requestedBy(), request.requestedAt(), request.decidedBy(), request.decidedAt(),
                    request.decisionNote());
        }
    }

    /** An SPC token the STI-PA issued to an account, as its audit record tells (the token itself is not kept). */
    public record IssuedToken(OffsetDateTime issuedAt, String issuedTo, String detail) {
    }

    /** The CRL now published: its number, update times and how many entries it carries. */
    public record CrlStatus(long crlNumber, OffsetDateTime thisUpdate, OffsetDateTime nextUpdate, int entries) {
    }
}
