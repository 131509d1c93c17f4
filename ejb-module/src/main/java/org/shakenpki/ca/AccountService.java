package org.shakenpki.ca;

import com.nimbusds.jose.jwk.JWK;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.pkix.Fingerprints;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * ACME accounts (RFC 8555 section 7.3): newAccount with {@code onlyReturnExisting}, account update and
 * deactivation, the orders list, and key rollover ({@code keyChange}, section 7.3.5). The writes that bind a
 * key to an account are {@link AccountKeyWrites}'s, so that racing requests for one key get answers, not 500s.
 */
@Stateless
public class AccountService {

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @EJB
    AcmeGate gate;

    @EJB
    AuditLog audit;

    @EJB
    AccountKeyWrites writes;

    @Inject
    Clock clock;

    @Inject
    CaSettings settings;

    @EJB
    EabMacKeys macKeys;

    /**
     * newAccount (section 7.3): the account of the key, created unless it exists. Simultaneous requests with one
     * key all get that one account: the request whose insert loses (see {@link AccountKeyWrites}) answers with
     * the winner's account, 200 and its Location, as section 7.3.1 prescribes for an existing key.
     */
    public Views.Created<Views.Account> newAccount(AcmeRequest request) {
        AcmeGate.Authenticated auth = gate.authenticate(request, AcmeGate.KeyUse.JWK);
        Map<String, Object> payload = AcmeJws.jsonPayload(auth.jws());
        for (int attempt = 1; ; attempt++) {
            AcmeAccount existing = gate.byKey(auth.key());
            if (existing != null) {
                if (!AcmeStatus.VALID.is(existing.status)) {
                    // RFC 8555 section 7.3.6: no further requests authorized by a deactivated account's key
                    throw new ProblemException(ProblemType.UNAUTHORIZED, "the account of this key is " + existing.status);
                }
                return new Views.Created<>(view(existing), false);
            }
            if (Boolean.TRUE.equals(payload.get("onlyReturnExisting"))) {
                throw new ProblemException(ProblemType.ACCOUNT_DOES_NOT_EXIST, "no account has this key");
            }
            List<String> contact = contacts(payload.get("contact"));
            EabKey binding = binding(payload, auth, request);
            AcmeAccount account = new AcmeAccount(Ids.random(), Fingerprints.jwkThumbprintBase64Url(auth.key()),
                    auth.key().toJSONString(), String.join("\n", contact),
                    Boolean.TRUE.equals(payload.get("termsOfServiceAgreed")), OffsetDateTime.now(clock));
            if (binding != null) {
                account.bindTo(binding.subscriberId);
            }
            if (writes.create(account, binding == null ? null : binding.kid)) {
                return new Views.Created<>(view(account), true);
            }
            if (attempt == 3) {
                throw new IllegalStateException("the account insert failed three times without a competing account");
            }
        }
    }

    /**
     * The External Account Binding of a newAccount (section 7.3.4), verified, or null when there is none and none
     * is required. The EAB key must belong to an active subscriber and must not have bound another account: a
     * binding, once used, is not a credential for a second account key.
     */
    private EabKey binding(Map<String, Object> payload, AcmeGate.Authenticated auth, AcmeRequest request) {
        Object binding = payload.get("externalAccountBinding");
        if (binding == null) {
            if (settings.externalAccountRequired()) {
                throw new ProblemException(ProblemType.EXTERNAL_ACCOUNT_REQUIRED,
                        "this STI-CA requires an External Account Binding: ask its operator for an EAB key identifier and HMAC key");
            }
            return null;
        }
        String kid = ExternalAccountBinding.verify(binding, auth.key(), request.url(), macKeys);
        EabKey key = em.find(EabKey.class, kid);
        if (key.boundAccount != null) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "the External Account Binding key " + kid + " is bound to another account");
        }
        CaSubscriber subscriber = em.find(CaSubscriber.class, key.subscriberId);
        if (!subscriber.active()) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "the subscriber of the External Account Binding key " + kid + " is suspended");
        }
        return key;
    }

    /** The account resource (section 7.3.2, 7.3.6): POST-as-GET, contact update or deactivation. */
    public Views.Account account(AcmeRequest request, String id) {
        AcmeGate.Authenticated auth = gate.authenticate(request, AcmeGate.KeyUse.KID);
        AcmeAccount account = own(auth, id);
        if (auth.jws().isPostAsGet()) {
            return view(account);
        }
        Map<String, Object> payload = AcmeJws.jsonPayload(auth.jws());
        if (payload.containsKey("contact")) {
            account.updateContact(String.join("\n", contacts(payload.get("contact"))));
            audit.record("acme:" + id, "ca.account.update", "acme-account:" + id, Outcome.SUCCESS, "contact");
        }
        Object status = payload.get("status");
        if (status != null) {
            if (!AcmeStatus.DEACTIVATED.is(status)) {
                throw new ProblemException(ProblemType.MALFORMED, "a client may only set the account status to deactivated");
            }
            account.deactivate();
            // RFC 8555 section 7.3.6: pending operations of a deactivated account are cancelled
            em.createQuery("update AcmeAuthorization a set a.status = :deactivated where a.accountId = :a and a.status = :pending")
                    .setParameter("a", id).setParameter("deactivated", AcmeStatus.DEACTIVATED.wire())
                    .setParameter("pending", AcmeStatus.PENDING.wire()).executeUpdate();
            em.createQuery("update AcmeOrder o set o.status = :invalid where o.accountId = :a and o.status in (:pending, :ready)")
                    .setParameter("a", id).setParameter("invalid", AcmeStatus.INVALID.wire())
                    .setParameter("pending", AcmeStatus.PENDING.wire()).setParameter("ready", AcmeStatus.READY.wire())
                    .executeUpdate();
            audit.record("acme:" + id, "ca.account.deactivate", "acme-account:" + id, Outcome.SUCCESS, "");
        }
        return view(account);
    }

    /** The account's orders (section 7.1.2.1), newest first. */
    public List<String> orders(AcmeRequest request, String id) {
        AcmeGate.Authenticated auth = gate.authenticate(request, AcmeGate.KeyUse.KID);
        own(auth, id);
        return em.createQuery("select o.id from AcmeOrder o where o.accountId = :a order by o.createdAt desc", String.class)
                .setParameter("a", id).setMaxResults(1000).getResultList();
    }

    /** keyChange (section 7.3.5): the inner JWS, signed by the new key, names the account and its old key. */
    public Views.Account keyChange(AcmeRequest request) {
        AcmeGate.Authenticated auth = gate.authenticate(request, AcmeGate.KeyUse.KID);
        AcmeJws.Parsed inner = AcmeJws.parse(auth.jws().payload());
        if (inner.jwk() == null) {
            throw new ProblemException(ProblemType.MALFORMED, "the inner JWS must carry the new key as jwk");
        }
        if (inner.nonce() != null) {
            throw new ProblemException(ProblemType.MALFORMED, "the inner JWS must not carry a nonce");
        }
        if (!inner.url().equals(auth.jws().url())) {
            throw new ProblemException(ProblemType.MALFORMED, "the inner JWS url must equal the outer one");
        }
        AcmeJws.verify(inner, inner.jwk());
        Map<String, Object> payload = AcmeJws.jsonPayload(inner);
        AcmeAccount account = auth.account();
        if (!(request.accountPrefix() + account.id).equals(payload.get("account"))) {
            throw new ProblemException(ProblemType.MALFORMED, "the inner payload's account must be the outer kid");
        }
        JWK oldKey = AcmeJws.publicJwk(payload.get("oldKey"));
        if (!Fingerprints.jwkThumbprintBase64Url(oldKey).equals(account.keyThumbprint)) {
            throw new ProblemException(ProblemType.MALFORMED, "oldKey is not the account's current key");
        }
        AcmeAccount other = gate.byKey(inner.jwk());
        if (other != null) {
            throw keyInUse(request, other);
        }
        if (!writes.changeKey(account.id, Fingerprints.jwkThumbprintBase64Url(inner.jwk()), inner.jwk().toJSONString())) {
            // another account took the key between the lookup and the update
            AcmeAccount winner = gate.byKey(inner.jwk());
            if (winner == null) {
                throw new IllegalStateException("the key update failed without a competing account");
            }
            throw keyInUse(request, winner);
        }
        return view(account);
    }

    /** Section 7.3.5: 409 Conflict with the Location of the account that has the key. */
    private static ProblemException keyInUse(AcmeRequest request, AcmeAccount owner) {
        String location = request.accountPrefix() + owner.id;
        return new ProblemException(ProblemType.CONFLICT, "the new key belongs to the account " + location, null,
                List.of(), Map.of("location", location));
    }

    private static AcmeAccount own(AcmeGate.Authenticated auth, String id) {
        if (!auth.account().id.equals(id)) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "the request is signed for another account");
        }
        return auth.account();
    }

    private static List<String> contacts(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new ProblemException(ProblemType.MALFORMED, "contact must be an array of URLs");
        }
        if (list.size() > 10) {
            throw new ProblemException(ProblemType.INVALID_CONTACT, "at most 10 contacts");
        }
        List<String> result = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String url) || url.contains("\n") || url.length() > 190) {
                throw new ProblemException(ProblemType.INVALID_CONTACT, "a contact must be a single-line URL");
            }
            if (!url.startsWith("mailto:")) {
                throw new ProblemException(ProblemType.UNSUPPORTED_CONTACT, "only mailto: contacts are supported");
            }
            if (!url.matches("mailto:[^@,?\\s]+@[^@,?\\s]+")) {
                throw new ProblemException(ProblemType.INVALID_CONTACT, "invalid mailto contact " + url);
            }
            result.add(url);
        }
        return result;
    }

    static Views.Account view(AcmeAccount account) {
        List<String> contact = account.contact.isEmpty() ? List.of() : Arrays.asList(account.contact.split("\n"));
        return new Views.Account(account.id, account.status, contact, account.tosAgreed);
    }
}
