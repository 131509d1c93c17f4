package org.shakenpki.ca;

import jakarta.persistence.EntityManager;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

/**
 * What an ACME account bound to a {@link CaSubscriber} may be issued: only the SPCs the subscriber serves, and
 * nothing while it is suspended. This is checked beside tkauth-01, not instead of it: a valid SPC token for an SPC
 * the STI-CA has not vetted the subscriber for is still refused (defence in depth). Accounts without a binding
 * (EAB not required) are not limited here.
 */
final class SubscriberScope {

    private SubscriberScope() {
    }

    /** The account's subscriber, or null for an unbound account. */
    static CaSubscriber of(EntityManager em, AcmeAccount account) {
        return account.subscriberId == null ? null : em.find(CaSubscriber.class, account.subscriberId);
    }

    /**
     * Refuses an identifier outside the subscriber's SPCs ({@code rejectedIdentifier}: the server will not issue
     * for it) and any order of a suspended subscriber ({@code unauthorized}).
     */
    static void require(CaSubscriber subscriber, TNAuthList identifier) {
        if (subscriber == null) {
            return;
        }
        if (!subscriber.active()) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "the subscriber " + subscriber.id + " of this account is suspended");
        }
        SubscriberInfo info = subscriber.info();
        for (String spc : identifier.spcs()) {
            if (!info.spcs().contains(spc)) {
                throw new ProblemException(ProblemType.REJECTED_IDENTIFIER, "the subscriber " + subscriber.id
                        + " of this account is not recorded as serving SPC " + spc);
            }
        }
    }
}
