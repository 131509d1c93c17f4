package org.shakenpki.kms;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.shakenpki.problem.ProblemException;

import java.util.List;

/**
 * The SP-KMS console pages' calls (docs/console.md), behind the SP-KMS admin token ({@link KmsAdmin}), which every
 * call checks before it hands off to {@link CredentialManagement}: the credentials with state, expiry, renewal date,
 * last error, history and webhook deliveries; renew now; revoke at the STI-CA (RFC 8555 section 7.6).
 */
@Stateless
public class KmsConsole {
    /** Who the audit records name for a console action. */
    static final String ACTOR = "kms-admin (console)";

    @Inject
    KmsAdmin admin;

    @Inject
    CredentialManagement credentials;

    /** @throws ProblemException UNAUTHENTICATED without the admin token */
    public List<Views.Credential> list(String authorization) {
        admin.check(authorization);
        return credentials.list();
    }

    /** @throws ProblemException UNAUTHENTICATED without the admin token, NOT_FOUND for an unknown SPC */
    public Views.Detail show(String authorization, String spc) {
        admin.check(authorization);
        return credentials.show(spc);
    }

    /** Renews now with a fresh key. */
    public Views.Detail renew(String authorization, String spc) {
        admin.check(authorization);
        return credentials.renew(ACTOR, spc);
    }

    /** Revokes the current certificate at the STI-CA, then retires the key. */
    public Views.Detail revoke(String authorization, String spc, String reason) {
        admin.check(authorization);
        return credentials.revoke(ACTOR, spc, reason);
    }
}
