package org.shakenpki.kms;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.config.Backoff;
import org.shakenpki.config.NodeName;
import org.shakenpki.sks.KeyService;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The state changes of managed credentials, each one short transaction with its audit record; the network
 * work between them runs outside any transaction ({@link IssuanceWorker}). Key creation and destruction go
 * through {@link KeyService}, so a key exists exactly when the row that names it does.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class CredentialStore {
    /** The token of the SP-KMS's keys. */
    static final String TOKEN = "kms";
    private static final String ACTOR = "sp-kms";
    private static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    private static final Duration LONGEST_RETRY = Duration.ofHours(6);
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    KeyService keys;

    @EJB
    AuditLog audit;

    @Inject
    KmsSettings settings;

    @Inject
    Event<CredentialIssued> issuedEvents;

    @Inject
    Event<CredentialWithdrawn> withdrawnEvents;

    public Optional<ManagedCredential> bySpc(String spc) {
        return em.createQuery("select c from ManagedCredential c where c.spc = :spc", ManagedCredential.class)
                .setParameter("spc", spc).getResultStream().findFirst();
    }

    public List<ManagedCredential> all() {
        return em.createQuery("select c from ManagedCredential c order by c.spc", ManagedCredential.class).getResultList();
    }

    public List<CredentialHistory> history(long credentialId) {
        return em.createQuery("select h from CredentialHistory h where h.credentialId = :id order by h.replacedAt",
                CredentialHistory.class).setParameter("id", credentialId).getResultList();
    }

    /** The ids of credentials with an attempt due at {@code now}. */
    public List<Long> due(OffsetDateTime now) {
        return em.createQuery("select c from ManagedCredential c where c.state <> :revoked", ManagedCredential.class)
                .setParameter("revoked", CredentialState.REVOKED).getResultStream()
                .filter(c -> c.isDue(now) && c.pendingKeyAlias() == null).map(ManagedCredential::id).toList();
    }

    public ManagedCredential create(String actor, String spc, IssuanceOptions options) {
        return create(actor, spc, options, null);
    }

    /** Creates a credential whose CSRs request {@code claimConstraints} (null: none). */
    public ManagedCredential create(String actor, String spc, IssuanceOptions options,
                                    org.shakenpki.pkix.JwtClaimConstraints claimConstraints) {
        String profile = options.profile() == null ? "" : ", profile " + options.profile();
        ManagedCredential credential = new ManagedCredential(spc, options, OffsetDateTime.now(clock));
        credential.claimConstraints(claimConstraints);
        em.persist(credential);
        em.flush();
        audit.record(actor, "kms.credential.create", subject(spc), Outcome.SUCCESS,
                "CA " + options.acmeDirectory() + ", fingerprint " + options.fingerprint() + ", response " + options.responseKey()
                        + profile + (claimConstraints == null ? "" : ", JWT Claim Constraints " + claimConstraints));
        return credential;
    }

    /**
     * Starts an attempt: generates the new key on the HSM and records it as pending, in one transaction.
     *
     * @return the credential as claimed, or empty if it is not due or another attempt holds it
     */
    public Optional<ManagedCredential> claim(long id, OffsetDateTime now) {
        ManagedCredential credential = em.find(ManagedCredential.class, id);
        if (credential == null || !credential.isDue(now) || credential.pendingKeyAlias() != null) {
            return Optional.empty();
        }
        String alias = "spc-" + credential.spc() + "-" + UUID.randomUUID();
        keys.createKey(TOKEN, alias, ACTOR);
        credential.beginAttempt(alias, OffsetDateTime.now(clock));
        audit.record(ACTOR, "kms.issuance.start", subject(credential.spc()), Outcome.SUCCESS,
                "state " + credential.state() + ", new key " + alias + ", on " + NodeName.current());
        return Optional.of(credential);
    }

    /**
     * Stores a new certificate; the replaced one goes to the history, its key to be destroyed once the grace
     * period after {@code now} (the time of the round that renewed it) has passed.
     */
    public ManagedCredential succeeded(long id, ManagedCredential.Issued issued, OffsetDateTime now) {
        ManagedCredential credential = em.find(ManagedCredential.class, id);
        if (credential.keyAlias() != null) {
            em.persist(new CredentialHistory(credential, now, now.plus(settings.keyGrace())));
        }
        credential.succeeded(issued, renewAt(issued), now);
        em.persist(new Notification(credential.id(), notification(credential), now));
        audit.record(ACTOR, "kms.issuance", subject(credential.spc()), Outcome.SUCCESS, "serial " + issued.serialHex()
                + ", not after " + issued.notAfter() + ", x5u " + issued.certificateUrl() + ", key " + issued.keyAlias());
        issuedEvents.fire(new CredentialIssued(credential.spc(), issued.keyAlias(), issued.certificateUrl()));
        return credential;
    }

    /** Records a failed attempt and destroys the key it made; the next attempt waits longer each time. */
    public ManagedCredential failed(long id, String error, OffsetDateTime now) {
        ManagedCredential credential = em.find(ManagedCredential.class, id);
        if (credential.pendingKeyAlias() != null) {
            keys.deleteKey(TOKEN, credential.pendingKeyAlias(), ACTOR);
        }
        credential.failed(error, now.plus(Backoff.delay(FIRST_RETRY, credential.attempts(), LONGEST_RETRY)), now);
        audit.record(ACTOR, "kms.issuance", subject(credential.spc()), Outcome.FAILURE, error);
        return credential;
    }

    /** Makes the credential due for renewal at {@code at}; the next attempt at or after it renews. */
    public void scheduleRenewal(String actor, long id, OffsetDateTime at) {
        ManagedCredential credential = em.find(ManagedCredential.class, id);
        credential.scheduleRenewal(at, OffsetDateTime.now(clock));
        audit.record(actor, "kms.credential.renew", subject(credential.spc()), Outcome.SUCCESS, "renewal requested for " + at);
    }

    public void revoked(String actor, long id, String reason) {
        ManagedCredential credential = em.find(ManagedCredential.class, id);
        OffsetDateTime now = OffsetDateTime.now(clock);
        em.persist(new CredentialHistory(credential, now, now.plus(settings.keyGrace())));
        credential.revoked(now);
        audit.record(actor, "kms.credential.revoke", subject(credential.spc()), Outcome.SUCCESS,
                "serial " + credential.serialHex() + ", reason " + reason);
    }

    /**
     * Marks a credential whose current certificate the STI-PA CRL lists ({@link CrlWatcher}) and makes its
     * replacement due, with its audit record, a webhook notification and the event that makes the STI-AS drop it.
     *
     * @return false when nothing changed: the credential moved on since the check (renewed, revoked, marked)
     */
    public boolean listedOnCrl(CrlCheck.Listing listing, OffsetDateTime now) {
        ManagedCredential credential = em.find(ManagedCredential.class, listing.credentialId());
        if (credential == null || !credential.isNewCrlListing() || !listing.serialHex().equals(credential.serialHex())) {
            return false;
        }
        credential.listedOnCrl(listing.detail(), now);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", "credential.revoked");
        payload.put("spc", credential.spc());
        payload.put("serialNumber", credential.serialHex());
        payload.put("certificateUrl", credential.certificateUrl());
        payload.put("reason", listing.entry().reason());
        payload.put("revokedAt", listing.entry().revokedAt().toString());
        em.persist(new Notification(credential.id(), JSONObjectUtils.toJSONString(payload), now));
        audit.record(ACTOR, "kms.credential.crl-listed", subject(credential.spc()), Outcome.SUCCESS, listing.detail()
                + ", x5u " + credential.certificateUrl() + ", key " + credential.keyAlias());
        withdrawnEvents.fire(new CredentialWithdrawn(credential.spc(), credential.serialHex()));
        return true;
    }

    /** The credentials whose STI-CA renewal information is due to be fetched at {@code now} (RFC 9773 section 4.3). */
    public List<ManagedCredential> ariDue(OffsetDateTime now) {
        return em.createQuery("select c from ManagedCredential c where c.state = :active", ManagedCredential.class)
                .setParameter("active", CredentialState.ACTIVE).getResultStream().filter(c -> c.isAriDue(now)).toList();
    }

    /**
     * Records the STI-CA's renewal information for the certificate {@code serialHex} ({@link AriWatcher}): a new
     * window moves the renewal to a random time in it (RFC 9773 section 4.2), or to now when the window has passed
     * (the operator pulled it forward: the replacement is obtained in this very round), audited; the latter also
     * notifies the webhook. {@code window} null: no usable answer, the renewal date stays.
     *
     * @return whether the renewal is now due at once
     */
    public boolean ariChecked(long id, String serialHex, AriPlan.Window window, OffsetDateTime nextCheck, OffsetDateTime now) {
        ManagedCredential credential = em.find(ManagedCredential.class, id);
        if (credential == null || !serialHex.equals(credential.serialHex())) {
            return false; // renewed or gone since the fetch
        }
        OffsetDateTime renewAt = window == null ? null : AriPlan.renewalTime(window, credential.notBefore(), credential.notAfter(), now, RANDOM);
        if (!credential.ariChecked(renewAt == null ? null : window, renewAt, nextCheck, now)) {
            return false;
        }
        boolean atOnce = window.isPast(now);
        audit.record(ACTOR, "kms.credential.ari-window", subject(credential.spc()), Outcome.SUCCESS, "serial " + serialHex
                + ", STI-CA window " + window.start() + " to " + window.end() + ", renewal at " + renewAt
                + (window.explanationUrl() == null ? "" : ", explanation " + window.explanationUrl()));
        if (atOnce) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("event", "credential.replacement-requested");
            payload.put("spc", credential.spc());
            payload.put("serialNumber", serialHex);
            payload.put("certificateUrl", credential.certificateUrl());
            payload.put("windowEnd", window.end().toString());
            if (window.explanationUrl() != null) {
                payload.put("explanationURL", window.explanationUrl());
            }
            em.persist(new Notification(credential.id(), JSONObjectUtils.toJSONString(payload), now));
        }
        return atOnce;
    }

    /** Destroys the keys of replaced certificates whose grace period has passed at {@code now}. */
    public int destroyRetiredKeys(OffsetDateTime now) {
        List<CredentialHistory> retired = em.createQuery(
                "select h from CredentialHistory h where h.keyDestroyed = false and h.destroyKeyAfter <= :now",
                CredentialHistory.class).setParameter("now", now).getResultList();
        for (CredentialHistory entry : retired) {
            keys.deleteKey(TOKEN, entry.keyAlias(), ACTOR);
            entry.markKeyDestroyed();
        }
        return retired.size();
    }

    /**
     * Renewal starts when a third of the lifetime or {@code shakenpki.kms.renew-before-max} (30 days) remains,
     * whichever comes first: the rule until the STI-CA's renewal information says otherwise, and for STI-CAs without
     * it (RFC 9773 section 4.2, {@link AriWatcher}).
     */
    OffsetDateTime renewAt(ManagedCredential.Issued issued) {
        Duration lifetime = Duration.between(issued.notBefore(), issued.notAfter());
        Duration third = lifetime.dividedBy(3);
        Duration before = third.compareTo(settings.renewBeforeMax()) < 0 ? third : settings.renewBeforeMax();
        return issued.notAfter().minus(before);
    }

    private static String notification(ManagedCredential credential) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", "credential.issued");
        payload.put("spc", credential.spc());
        payload.put("keyAlias", credential.keyAlias());
        payload.put("certificateUrl", credential.certificateUrl());
        payload.put("serialNumber", credential.serialHex());
        payload.put("notAfter", credential.notAfter().toString());
        return JSONObjectUtils.toJSONString(payload);
    }

    static String subject(String spc) {
        return "spc:" + spc;
    }
}
