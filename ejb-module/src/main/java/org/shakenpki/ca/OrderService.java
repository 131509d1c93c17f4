package org.shakenpki.ca;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.cr.ChainRepository;
import org.shakenpki.metrics.Metrics;
import org.shakenpki.pkix.TkAuth;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.pkix.Fingerprints;
import org.shakenpki.pkix.SpcSyntax;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * ACME orders (RFC 8555 section 7.4) for one {@code TNAuthList} identifier (RFC 9448 section 3): newOrder with
 * optional {@code notBefore}/{@code notAfter}, {@code profile} (draft-ietf-acme-profiles section 4, {@link AcmeProfiles})
 * and {@code replaces} (RFC 9773 section 5, {@link RenewalInfoService#replaceable}), the order resource, finalize with
 * the CSR checks and issuance under the order's profile.
 */
@Stateless
public class OrderService {
    static final Duration ORDER_LIFETIME = Duration.ofDays(7);
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @EJB
    AcmeGate gate;

    @EJB
    CertificateIssuer issuer;

    @EJB
    AuditLog audit;

    @EJB
    RenewalInfoService renewalInfo;

    @Inject
    CaSettings settings;

    @Inject
    Clock clock;

    public Views.Order newOrder(AcmeRequest request) {
        AcmeGate.Authenticated auth = gate.authenticate(request, AcmeGate.KeyUse.KID);
        Map<String, Object> payload = AcmeJws.jsonPayload(auth.jws());
        String identifierText = identifierText(payload.get("identifiers"));
        TNAuthList identifier = parse(identifierText);
        requireSpcSyntax(identifier, identifierText);
        SubscriberScope.require(SubscriberScope.of(em, auth.account()), identifier);
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime notBefore = time(payload.get("notBefore"), "notBefore");
        OffsetDateTime notAfter = time(payload.get("notAfter"), "notAfter");
        if (notAfter != null && (!notAfter.isAfter(now) || (notBefore != null && !notAfter.isAfter(notBefore)))) {
            throw new ProblemException(ProblemType.MALFORMED, "notAfter must be in the future and after notBefore");
        }
        String profile = optionalText(payload, "profile");
        if (profile != null) {
            AcmeProfiles.of(settings).require(profile); // draft-ietf-acme-profiles section 4: invalidProfile
        }
        String replaces = optionalText(payload, "replaces");
        IssuedCertificate replaced = replaces == null ? null : renewalInfo.replaceable(auth.account().id, replaces, identifier);
        // the identifier is kept as the client wrote it (deployed clients send base64 too) and compared as DER
        AcmeOrder order = new AcmeOrder(Ids.random(), auth.account().id, identifierText, notBefore, notAfter,
                now.plus(ORDER_LIFETIME), now);
        order.requested(profile, replaces, replaced == null ? null : replaced.id);
        em.persist(order);
        em.flush(); // the authorization refers to the order; nothing else orders the inserts
        em.persist(new AcmeAuthorization(Ids.random(), order, Ids.random(), Ids.random()));
        audit.record("acme:" + order.accountId, "ca.order.create", "acme-order:" + order.id, Outcome.SUCCESS, identifier
                + (profile == null ? "" : ", profile " + profile) + (replaced == null ? "" : ", replaces " + replaced.serialHex));
        Metrics.acmeOrder();
        return view(order);
    }

    public Views.Order order(AcmeRequest request, String id) {
        AcmeGate.Authenticated auth = gate.authenticate(request, AcmeGate.KeyUse.KID);
        requirePostAsGet(auth);
        return view(own(auth, id));
    }

    /**
     * finalize (section 7.4): only a ready order; the CSR checks of {@link CsrCheck}; then issuance.
     *
     * <p>The order row is locked first: two finalize requests for one order, on two nodes at once, are
     * serialised by the database, and the second finds the order no longer ready. The unique order id of
     * {@code ca_certificate} is the backstop, so an order is never issued twice.
     */
    public Views.Order finalizeOrder(AcmeRequest request, String id) {
        AcmeGate.Authenticated auth = gate.authenticate(request, AcmeGate.KeyUse.KID);
        AcmeOrder order = own(auth, id, LockModeType.PESSIMISTIC_WRITE);
        Map<String, Object> payload = AcmeJws.jsonPayload(auth.jws());
        refreshStatus(order);
        if (!AcmeStatus.READY.is(order.status)) {
            throw new ProblemException(ProblemType.ORDER_NOT_READY, "the order is " + order.status + ", not ready");
        }
        if (!(payload.get("csr") instanceof String csrText)) {
            throw new ProblemException(ProblemType.MALFORMED, "finalize needs the csr");
        }
        byte[] der;
        try {
            der = new Base64URL(csrText).decode();
        } catch (RuntimeException e) {
            throw new ProblemException(ProblemType.BAD_CSR, "the csr is not base64url DER");
        }
        // again at finalize: the subscriber may have been suspended or lost the SPC since newOrder
        SubscriberScope.require(SubscriberScope.of(em, auth.account()), TNAuthList.fromBase64(order.identifier));
        AcmeAuthorization authorization = authorizationOf(order);
        order.issuedUnder(profileFor(order, authorization.tokenCa).name());
        CsrCheck.Accepted csr = CsrCheck.check(der, TNAuthList.fromBase64(order.identifier), authorization.tokenCa,
                AcmeJws.publicJwkKey(auth.key()), settings.keyMustDifferFromAccount(), this::isAnAccountKey);
        IssuedCertificate certificate = issuer.issue(order, csr);
        order.issued(certificate.id);
        return view(order);
    }

    /**
     * The order's profile ({@link AcmeProfiles}), which must issue the kind of certificate the SPC token allowed: a
     * delegate CA certificate only for {@code ca: true} (RFC 9448 section 6), an end-entity one only without it.
     */
    private AcmeProfiles.Profile profileFor(AcmeOrder order, boolean tokenCa) {
        AcmeProfiles.Profile profile = AcmeProfiles.of(settings).forOrder(order.profile, tokenCa);
        boolean delegate = profile.kind() == org.shakenpki.pkix.ShakenProfile.Kind.DELEGATE_CA;
        if (delegate != tokenCa) {
            throw new ProblemException(ProblemType.INVALID_PROFILE, "the profile " + profile.name() + " issues "
                    + (delegate ? "delegate CA" : "end-entity") + " certificates, but the SPC token has ca=" + tokenCa);
        }
        return profile;
    }

    /**
     * RFC 8555 section 11.1: whether the key is the key of any ACME account (active or not), looked up by its RFC
     * 7638 thumbprint, the column accounts are found by.
     */
    boolean isAnAccountKey(PublicKey key) {
        if (!(key instanceof ECPublicKey ec)) {
            return false; // CsrCheck admits only EC P-256 keys
        }
        String thumbprint = Fingerprints.jwkThumbprintBase64Url(new ECKey.Builder(Curve.P_256, ec).build());
        return !em.createQuery("select a.id from AcmeAccount a where a.keyThumbprint = :t", String.class)
                .setParameter("t", thumbprint).setMaxResults(1).getResultList().isEmpty();
    }

    AcmeAuthorization authorizationOf(AcmeOrder order) {
        return em.createQuery("select a from AcmeAuthorization a where a.orderId = :o", AcmeAuthorization.class)
                .setParameter("o", order.id).getSingleResult();
    }

    /** Pending and ready orders past their expiry become invalid (section 7.1.6). */
    void refreshStatus(AcmeOrder order) {
        if ((AcmeStatus.PENDING.is(order.status) || AcmeStatus.READY.is(order.status)) && order.expiresAt.isBefore(OffsetDateTime.now(clock))) {
            order.fail(ProblemType.MALFORMED.uri(), "the order expired");
        }
    }

    private AcmeOrder own(AcmeGate.Authenticated auth, String id) {
        return own(auth, id, LockModeType.NONE);
    }

    private AcmeOrder own(AcmeGate.Authenticated auth, String id, LockModeType lock) {
        AcmeOrder order = em.find(AcmeOrder.class, id, lock);
        if (order == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no such order");
        }
        if (!order.accountId.equals(auth.account().id)) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "the order belongs to another account");
        }
        return order;
    }

    Views.Order view(AcmeOrder order) {
        refreshStatus(order);
        String chainUrl = null;
        if (order.certificateId != null) {
            IssuedCertificate certificate = em.find(IssuedCertificate.class, order.certificateId);
            chainUrl = ChainRepository.url(settings.publicUrl(), certificate.chainName);
        }
        return new Views.Order(order.id, order.status, order.expiresAt, order.identifier, order.notBefore, order.notAfter,
                authorizationOf(order).id, order.certificateId, chainUrl,
                order.errorType == null ? null : new Views.Problem(order.errorType, order.errorDetail), order.profile,
                order.replaces);
    }

    static void requirePostAsGet(AcmeGate.Authenticated auth) {
        if (!auth.jws().isPostAsGet()) {
            throw new ProblemException(ProblemType.MALFORMED, "this resource is read with POST-as-GET (an empty payload)");
        }
    }

    /** An optional string member (the draft's {@code profile}, RFC 9773's {@code replaces}). */
    private static String optionalText(Map<String, Object> payload, String name) {
        Object value = payload.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || text.isEmpty()) {
            throw new ProblemException(ProblemType.MALFORMED, name + " must be a non-empty string");
        }
        return text;
    }

    private static String identifierText(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new ProblemException(ProblemType.MALFORMED, "identifiers must be a non-empty array");
        }
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> id) || !(id.get("type") instanceof String type) || !(id.get("value") instanceof String text)) {
                throw new ProblemException(ProblemType.MALFORMED, "each identifier needs a string type and value");
            }
            if (!TkAuth.TNAUTHLIST.equals(type)) {
                throw new ProblemException(ProblemType.UNSUPPORTED_IDENTIFIER, "only TNAuthList identifiers are supported", null,
                        List.of(new ProblemException.Subproblem(ProblemType.UNSUPPORTED_IDENTIFIER,
                                "identifier type " + type + " is not supported", type, text)), Map.of());
            }
        }
        if (list.size() != 1) {
            throw new ProblemException(ProblemType.REJECTED_IDENTIFIER, "an order holds exactly one TNAuthList identifier");
        }
        String text = ((String) ((Map<?, ?>) list.get(0)).get("value")).strip();
        if (text.length() > 1000) {
            throw new ProblemException(ProblemType.REJECTED_IDENTIFIER, "the TNAuthList identifier is too long for a SHAKEN certificate");
        }
        return text;
    }

    private static TNAuthList parse(String text) {
        try {
            return TNAuthList.fromBase64(text);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.MALFORMED, "the identifier is not a base64url DER TNAuthList", null,
                    List.of(new ProblemException.Subproblem(ProblemType.MALFORMED, e.getMessage(), TkAuth.TNAUTHLIST, text)), Map.of());
        }
    }

    /**
     * Every SPC entry must follow {@link SpcSyntax}, the STI-PA's rule (ATIS-1000080 section 6.4.1): the STI-PA
     * would never vouch for another, and the SPC ends up in the certificate's CN. TN entries (range, one) pass
     * through to the token comparison as before.
     */
    private static void requireSpcSyntax(TNAuthList identifier, String text) {
        for (String spc : identifier.spcs()) {
            if (!SpcSyntax.isValid(spc)) {
                String detail = SpcSyntax.RULE + "; the identifier's SPC is not";
                throw new ProblemException(ProblemType.REJECTED_IDENTIFIER, detail, null,
                        List.of(new ProblemException.Subproblem(ProblemType.REJECTED_IDENTIFIER, detail, TkAuth.TNAUTHLIST, text)), Map.of());
            }
        }
    }

    /**
     * An RFC 3339 date-time (RFC 8555 section 7.1.3) a certificate can carry: 1970 to 9999, the years an X.509
     * GeneralizedTime writes (RFC 5280 section 4.1.2.5). Later ones overflow the validity arithmetic and the
     * database's timestamp column.
     */
    private static OffsetDateTime time(Object value, String name) {
        if (value == null) {
            return null;
        }
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse((String) value);
        } catch (ClassCastException | DateTimeParseException e) {
            throw new ProblemException(ProblemType.MALFORMED, name + " must be an RFC 3339 date-time");
        }
        if (time.toInstant().isBefore(Instant.EPOCH) || time.toInstant().isAfter(LATEST)) {
            throw new ProblemException(ProblemType.MALFORMED, name + " must lie between 1970 and 9999");
        }
        return time;
    }
}
