package org.shakenpki.ca;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.math.BigInteger;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The STI-CA operator's lever on ACME Renewal Information (RFC 9773 section 1: "a CA could suggest that clients renew
 * prior to a mass-revocation event"): pulls the suggested window of a set of certificates forward, so that their
 * subscribers replace them by a given time or, by default, at once (a key compromise, a mis-issuance). The set is
 * named by serials, by SPC, or is every unexpired certificate issued by the current intermediate. A window only
 * ever moves earlier; expired and revoked certificates are left alone. Authorised with the STI-CA admin token
 * ({@link CaAdmin}); each changed window is audited in the same transaction.
 */
@Stateless
public class RenewalWindows {
    private static final int MAX_SERIALS = 1000;

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @EJB
    CaAdmin admin;

    @EJB
    CaHierarchy hierarchy;

    @EJB
    AuditLog audit;

    @Inject
    Clock clock;

    /**
     * Which certificates: exactly one of the three.
     *
     * @param serials hexadecimal serial numbers (colons and case ignored)
     * @param spc     the certificates whose TNAuthList holds this SPC
     * @param all     every unexpired certificate of the current intermediate
     */
    public record Selection(List<String> serials, String spc, boolean all) {
    }

    /** A certificate whose window moved. */
    public record Moved(String serialHex, String certId, Instant start, Instant end) {
    }

    /** What a pull did: the windows it moved, and how many selected certificates kept theirs (already earlier, expired, revoked). */
    public record Pulled(List<Moved> moved, int unchanged) {
    }

    /**
     * Pulls the windows forward so that they end by {@code by} (null: now).
     *
     * @param explanationUrl an http(s) page the renewalInfo names as {@code explanationURL} (section 4.2), or null
     * @throws ProblemException UNAUTHENTICATED without the admin token, MALFORMED for a selection that is not exactly
     *                          one of the three, bad serials, a bad URL, or an unknown serial
     */
    public Pulled pullForward(String authorization, Selection selection, OffsetDateTime by, String explanationUrl) {
        admin.check(authorization);
        Instant now = clock.instant();
        Instant until = by == null ? now : by.toInstant();
        String explanation = explanationUrl == null ? null : checkedUrl(explanationUrl);
        List<IssuedCertificate> selected = select(selection, now);
        RenewalWindow wanted = RenewalWindow.pulledForward(now, until);
        List<Moved> moved = new ArrayList<>();
        for (IssuedCertificate certificate : selected) {
            RenewalWindow current = RenewalInfoService.window(certificate);
            boolean live = certificate.revokedAt == null && certificate.notAfter.toInstant().isAfter(now);
            java.util.Optional<AriCertId> id = RenewalInfoService.certId(certificate);
            if (!live || !wanted.endsBefore(current) || id.isEmpty()) {
                continue;
            }
            certificate.pullForward(wanted, explanation);
            String certId = id.get().toString();
            moved.add(new Moved(certificate.serialHex, certId, wanted.start(), wanted.end()));
            audit.record(SubscriberManagement.ACTOR, "ca.ari.pull-forward", "certificate:" + certificate.serialHex, Outcome.SUCCESS,
                    "window " + wanted.start() + " to " + wanted.end() + " (was " + current.start() + " to " + current.end() + ")"
                            + (explanation == null ? "" : ", explanation " + explanation));
        }
        return new Pulled(moved, selected.size() - moved.size());
    }

    private List<IssuedCertificate> select(Selection selection, Instant now) {
        int given = (selection.serials() != null ? 1 : 0) + (selection.spc() != null ? 1 : 0) + (selection.all() ? 1 : 0);
        if (given != 1) {
            throw malformed("name the certificates by exactly one of serials, spc or all");
        }
        if (selection.serials() != null) {
            return bySerials(selection.serials());
        }
        OffsetDateTime nowTime = OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC);
        List<IssuedCertificate> unexpired = em.createQuery(
                "select c from IssuedCertificate c where c.notAfter > :now and c.revokedAt is null order by c.serialHex",
                IssuedCertificate.class).setParameter("now", nowTime).getResultList();
        if (selection.all()) {
            byte[] intermediateKey = subjectKeyId();
            return unexpired.stream().filter(c -> RenewalInfoService.certId(c)
                    .map(id -> Arrays.equals(intermediateKey, id.keyIdentifier())).orElse(false)).toList();
        }
        String spc = selection.spc();
        return unexpired.stream().filter(c -> spcsOf(c).contains(spc)).toList();
    }

    private List<IssuedCertificate> bySerials(List<String> serials) {
        if (serials.isEmpty() || serials.size() > MAX_SERIALS) {
            throw malformed("serials must list 1 to " + MAX_SERIALS + " serial numbers");
        }
        Set<String> wanted = serials.stream().map(RenewalWindows::serialHex).collect(Collectors.toCollection(java.util.TreeSet::new));
        List<IssuedCertificate> found = em.createQuery("select c from IssuedCertificate c where c.serialHex in :s order by c.serialHex",
                IssuedCertificate.class).setParameter("s", wanted).getResultList();
        if (found.size() != wanted.size()) {
            Set<String> unknown = new java.util.TreeSet<>(wanted);
            found.forEach(c -> unknown.remove(c.serialHex));
            throw malformed("this STI-CA issued no certificate with the serial(s) " + String.join(", ", unknown));
        }
        return found;
    }

    /** The current intermediate's key identifier, which the Authority Key Identifier of what it issued names. */
    private byte[] subjectKeyId() {
        byte[] value = hierarchy.issuer().intermediate().getExtensionValue(org.bouncycastle.asn1.x509.Extension.subjectKeyIdentifier.getId());
        return org.bouncycastle.asn1.x509.SubjectKeyIdentifier.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(value).getOctets()).getKeyIdentifier();
    }

    private List<String> spcsOf(IssuedCertificate certificate) {
        AcmeOrder order = em.find(AcmeOrder.class, certificate.orderId);
        try {
            return order == null ? List.of() : TNAuthList.fromBase64(order.identifier).spcs();
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    static String serialHex(String text) {
        String hex = text == null ? "" : text.replace(":", "").strip().toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{1,64}")) {
            throw malformed("a serial is 1 to 64 hexadecimal digits (colons allowed), not " + text);
        }
        return new BigInteger(hex, 16).toString(16);
    }

    private static String checkedUrl(String url) {
        try {
            URI uri = URI.create(url);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null && url.length() <= 1000) {
                return url;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw malformed("explanationUrl must be an http(s) URL of at most 1000 characters");
    }

    private static ProblemException malformed(String detail) {
        return new ProblemException(ProblemType.MALFORMED, detail);
    }
}
