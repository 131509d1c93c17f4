package org.shakenpki.ca;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The STI-CA operator's record of its subscribers (the service providers it has vetted, ATIS-1000080 section
 * 6.4.1) and their External Account Binding keys (RFC 8555 section 7.3.4). Each operation authorises the caller
 * with the STI-CA admin token ({@link CaAdmin}), acts, and writes an audit record in the same transaction.
 */
@Stateless
public class SubscriberManagement {
    static final String ACTOR = "sti-ca-admin";
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    /** An SPC as the STI-PA assigns them (ATIS-1000080): letters and digits; stored comma-separated. */
    private static final Pattern SPC = Pattern.compile("[0-9A-Za-z]{1,32}");
    private static final int MAX_SPCS = 30;
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @EJB
    CaAdmin admin;

    @EJB
    AuditLog audit;

    @EJB
    EabMacKeys macKeys;

    @Inject
    Clock clock;

    @Inject
    CaSettings settings;

    /**
     * A new EAB key, whose HMAC key the caller must show now: no API returns it again.
     *
     * @param subscriberId the subscriber the key binds accounts to
     * @param kid          the key identifier (the {@code kid} of the inner JWS)
     * @param hmacKey      the 256-bit HMAC key, base64url without padding (what certbot's {@code --eab-hmac-key} takes)
     */
    public record EabCreated(String subscriberId, String kid, String hmacKey) {
    }

    /**
     * An EAB key of a subscriber, without its HMAC key: when it was made and the ACME account it bound, if any.
     *
     * @param kid        the key identifier
     * @param createdAt  when the STI-CA issued it
     * @param account    the id of the ACME account it bound, or null while unused
     * @param accountUrl that account's URL ({@code <public-url>/acme/acct/<id>}), or null
     * @param boundAt    when it bound the account, or null
     */
    public record EabInfo(String kid, OffsetDateTime createdAt, String account, String accountUrl, OffsetDateTime boundAt) {
    }

    /**
     * Records a subscriber, active.
     *
     * @throws ProblemException UNAUTHENTICATED without the admin token, MALFORMED naming the bad member,
     *                          CONFLICT when the id is taken
     */
    public SubscriberInfo create(String authorization, String id, String legalName, SubscriberInfo.Subject subject,
                                 List<String> spcs, String contact) {
        admin.check(authorization);
        if (id == null || !ID.matcher(id).matches()) {
            throw malformed("id must be 1 to 40 lower-case letters, digits and hyphens, starting with a letter or digit");
        }
        String name = text("legalName", legalName, 200, true);
        if (subject == null) {
            throw malformed("subject must hold at least O");
        }
        SubscriberInfo.Subject checked = new SubscriberInfo.Subject(text("subject.O", subject.o(), 64, true),
                country(subject.c()), text("subject.ST", subject.st(), 128, false), text("subject.L", subject.l(), 128, false),
                text("subject.OU", subject.ou(), 64, false));
        Set<String> served = new TreeSet<>();
        for (String spc : spcs == null ? List.<String>of() : spcs) {
            if (spc == null || !SPC.matcher(spc).matches()) {
                throw malformed("spcs: \"" + spc + "\" is not an SPC (letters and digits)");
            }
            served.add(spc);
        }
        if (served.isEmpty() || served.size() > MAX_SPCS) {
            throw malformed("spcs must name 1 to " + MAX_SPCS + " SPCs the subscriber serves");
        }
        String reach = text("contact", contact, 320, true);
        if (em.find(CaSubscriber.class, id) != null) {
            throw new ProblemException(ProblemType.CONFLICT, "a subscriber " + id + " exists already");
        }
        CaSubscriber subscriber = new CaSubscriber(id, name, checked, List.copyOf(served), reach, now());
        em.persist(subscriber);
        em.flush();
        audit.record(ACTOR, "ca.subscriber.create", subject(id), Outcome.SUCCESS,
                "legal name " + name + ", O " + checked.o() + ", SPCs " + String.join(",", served));
        return subscriber.info();
    }

    /** Every subscriber, by id. */
    public List<SubscriberInfo> list(String authorization) {
        admin.check(authorization);
        return em.createQuery("select s from CaSubscriber s order by s.id", CaSubscriber.class)
                .getResultStream().map(CaSubscriber::info).toList();
    }

    /** One subscriber. */
    public SubscriberInfo show(String authorization, String id) {
        admin.check(authorization);
        return find(id).info();
    }

    /**
     * Suspends or reactivates a subscriber: a suspended one's EAB keys bind no new ACME account.
     *
     * @throws ProblemException NOT_FOUND for an unknown id
     */
    public SubscriberInfo changeState(String authorization, String id, CaSubscriber.State state) {
        admin.check(authorization);
        CaSubscriber subscriber = find(id);
        if (!subscriber.state.equals(state.name())) {
            subscriber.changeState(state);
            audit.record(ACTOR, "ca.subscriber.state", subject(id), Outcome.SUCCESS, state.name());
        }
        return subscriber.info();
    }

    /**
     * Issues an EAB key identifier and HMAC key for a subscriber (RFC 8555 section 7.3.4: "the CA provides the
     * client with a key identifier and a MAC key").
     *
     * @throws ProblemException NOT_FOUND for an unknown subscriber, FORBIDDEN for a suspended one
     */
    public EabCreated createEab(String authorization, String subscriberId) {
        admin.check(authorization);
        CaSubscriber subscriber = find(subscriberId);
        if (!subscriber.active()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "the subscriber " + subscriberId + " is suspended");
        }
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        String hmacKey = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        EabKey eab = new EabKey(Ids.random(), subscriberId, now());
        em.persist(eab);
        em.flush();
        // after the insert, so that a failed insert leaves no key on the token; a later rollback (the audit record,
        // the commit) destroys the key again (KeyService); the key itself is kept nowhere else
        macKeys.importKey(eab.kid, key);
        java.util.Arrays.fill(key, (byte) 0);
        audit.record(ACTOR, "ca.eab.create", subject(subscriberId), Outcome.SUCCESS, "kid " + eab.kid);
        return new EabCreated(subscriberId, eab.kid, hmacKey);
    }

    /**
     * The EAB keys issued to a subscriber, oldest first, and the accounts they bound: how the operator sees which
     * ACME account speaks for the subscriber.
     *
     * @throws ProblemException NOT_FOUND for an unknown subscriber
     */
    public List<EabInfo> eabKeys(String authorization, String subscriberId) {
        admin.check(authorization);
        find(subscriberId);
        return em.createQuery("select k from EabKey k where k.subscriberId = :s order by k.createdAt, k.kid", EabKey.class)
                .setParameter("s", subscriberId).getResultStream()
                .map(k -> new EabInfo(k.kid, k.createdAt, k.boundAccount,
                        k.boundAccount == null ? null : settings.publicUrl() + "/acme/acct/" + k.boundAccount, k.boundAt))
                .toList();
    }

    private CaSubscriber find(String id) {
        CaSubscriber subscriber = id == null ? null : em.find(CaSubscriber.class, id);
        if (subscriber == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no subscriber " + id);
        }
        return subscriber;
    }

    private static String country(String c) {
        if (c == null) {
            return null;
        }
        if (!c.matches("[A-Z]{2}")) {
            throw malformed("subject.C must be a two-letter ISO 3166 country code in capitals, e.g. US");
        }
        return c;
    }

    private static String text(String member, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw malformed(member + " is required");
            }
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > max || stripped.chars().anyMatch(Character::isISOControl)) {
            throw malformed(member + " must be 1 to " + max + " printable characters");
        }
        return stripped;
    }

    static String subject(String subscriberId) {
        return "ca-subscriber:" + subscriberId;
    }

    private static ProblemException malformed(String detail) {
        return new ProblemException(ProblemType.MALFORMED, detail);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
