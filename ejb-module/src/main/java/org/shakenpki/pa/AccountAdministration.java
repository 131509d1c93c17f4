package org.shakenpki.pa;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.pkix.SpcSyntax;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * STI-PA administration (STI-PA test plan TC-012 to TC-014): service-provider accounts, their SPCs, API
 * users and administrators. Only administrators may call it ({@link PaAuthorization}: a refusal is a 403 and
 * an audit record); every change is audited. Deactivated accounts, SPCs and users get no tokens; nothing is
 * deleted, so the audit trail keeps its subjects.
 *
 * <p>An STI_CA user is bound to one STI-CA root on the trust list ({@code caFingerprint}): it may revoke only
 * certificates that validate to that root ({@link RevocationAuthority}).
 */
@Stateless
public class AccountAdministration {
    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");
    static final int MIN_PASSWORD = 12;

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    AuditLog audit;

    @EJB
    PaAuthorization authorization;

    public Views.Account createAccount(PaPrincipal admin, String accountId, String name, boolean caAllowed, List<String> spcs) {
        authorization.requireAdmin(admin, "pa.account.create", "account:" + accountId);
        require(accountId != null && ACCOUNT_ID.matcher(accountId).matches(),
                "accountId must be 1-64 letters, digits, '.', '_' or '-'");
        require(name != null && !name.isBlank() && name.length() <= 200, "name is required (at most 200 characters)");
        if (em.find(ServiceProviderAccount.class, accountId) != null) {
            throw new ProblemException(ProblemType.CONFLICT, "account " + accountId + " exists");
        }
        em.persist(new ServiceProviderAccount(accountId, name.strip(), caAllowed, now()));
        em.flush();
        audit.record(admin.userId(), "pa.account.create", "account:" + accountId, Outcome.SUCCESS,
                name + ", caAllowed " + caAllowed);
        for (String spc : spcs == null ? List.<String>of() : spcs) {
            addSpc(admin, accountId, spc);
        }
        return account(admin, accountId);
    }

    public Views.Account account(PaPrincipal admin, String accountId) {
        authorization.requireAdmin(admin, "pa.account.read", "account:" + accountId);
        return Views.Account.of(entity(accountId), spcsOf(accountId));
    }

    public List<Views.Account> accounts(PaPrincipal admin) {
        authorization.requireAdmin(admin, "pa.account.list", "accounts");
        return em.createQuery("select a from ServiceProviderAccount a order by a.accountId", ServiceProviderAccount.class)
                .getResultStream().map(a -> Views.Account.of(a, spcsOf(a.accountId()))).toList();
    }

    /** Changes an account's flags; {@code null} leaves a flag as it is. */
    public Views.Account updateAccount(PaPrincipal admin, String accountId, Boolean active, Boolean caAllowed) {
        authorization.requireAdmin(admin, "pa.account.update", "account:" + accountId);
        account(admin, accountId);
        ServiceProviderAccount account = entity(accountId);
        if (active != null) {
            account.setActive(active);
        }
        if (caAllowed != null) {
            account.setCaAllowed(caAllowed);
        }
        audit.record(admin.userId(), "pa.account.update", "account:" + accountId, Outcome.SUCCESS,
                "active " + account.active() + ", caAllowed " + account.caAllowed());
        return account(admin, accountId);
    }

    public Views.Spc addSpc(PaPrincipal admin, String accountId, String spc) {
        authorization.requireAdmin(admin, "pa.spc.add", "account:" + accountId);
        account(admin, accountId);
        require(SpcSyntax.isValid(spc), SpcSyntax.RULE + ": " + spc);
        ServiceProviderCode existing = em.find(ServiceProviderCode.class, spc);
        if (existing != null) {
            throw new ProblemException(ProblemType.CONFLICT, "SPC " + spc + " belongs to account " + existing.accountId());
        }
        ServiceProviderCode code = new ServiceProviderCode(spc, accountId, now());
        em.persist(code);
        audit.record(admin.userId(), "pa.spc.add", "account:" + accountId, Outcome.SUCCESS, "spc " + spc);
        return Views.Spc.of(code);
    }

    public Views.Spc setSpcActive(PaPrincipal admin, String accountId, String spc, boolean active) {
        authorization.requireAdmin(admin, "pa.spc.update", "account:" + accountId);
        account(admin, accountId);
        ServiceProviderCode code = em.find(ServiceProviderCode.class, spc);
        if (code == null || !code.accountId().equals(accountId)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "account " + accountId + " has no SPC " + spc);
        }
        code.setActive(active);
        audit.record(admin.userId(), "pa.spc.update", "account:" + accountId, Outcome.SUCCESS, "spc " + spc + " active " + active);
        return Views.Spc.of(code);
    }

    /**
     * Creates a user; an SP API user needs its account. Without a password one is generated.
     *
     * @return the password, when it was generated
     */
    public Optional<String> createUser(PaPrincipal admin, String userId, UserRole role, String accountId, String password,
                                       String caFingerprint) {
        authorization.requireAdmin(admin, "pa.user.create", "user:" + userId);
        require(userId != null && USER_ID.matcher(userId).matches(), "userId must be 1-100 letters, digits, '.', '_', '@' or '-'");
        require(role != null, "role is one of ADMIN, SP_API, SP_ADMIN, STI_CA, VERIFIER");
        if (role == UserRole.SP_API || role == UserRole.SP_ADMIN) {
            require(accountId != null && !accountId.isBlank(), "an " + role + " user needs the accountId of its account");
            account(admin, accountId);
        } else {
            require(accountId == null, "only SP_API and SP_ADMIN users belong to an account");
        }
        String boundRoot = null;
        if (role == UserRole.STI_CA) {
            require(caFingerprint != null, "an STI_CA user needs caFingerprint: the SHA-256 fingerprint of its STI-CA's"
                    + " root on the trust list");
            boundRoot = trustedRoot(caFingerprint);
        } else {
            require(caFingerprint == null, "only STI_CA users are bound to an STI-CA (caFingerprint)");
        }
        require(password == null || password.length() >= MIN_PASSWORD, "a password has at least " + MIN_PASSWORD + " characters");
        if (em.find(PaUser.class, userId) != null) {
            throw new ProblemException(ProblemType.CONFLICT, "user " + userId + " exists");
        }
        String actual = password != null ? password : Passwords.randomSecret();
        PaUser user = new PaUser(userId, role, accountId, Passwords.hash(actual), password == null, now());
        user.bindCa(boundRoot);
        em.persist(user);
        audit.record(admin.userId(), "pa.user.create", "user:" + userId, Outcome.SUCCESS,
                "role " + role + (accountId != null ? ", account " + accountId : "")
                        + (boundRoot != null ? ", STI-CA root " + boundRoot : ""));
        return password == null ? Optional.of(actual) : Optional.empty();
    }

    /** Every user, in user-id order. */
    public List<Views.User> users(PaPrincipal admin) {
        authorization.requireAdmin(admin, "pa.user.list", "users");
        OffsetDateTime now = now();
        return em.createQuery("select u from PaUser u order by u.userId", PaUser.class).getResultStream()
                .map(u -> Views.User.of(u, now)).toList();
    }

    /**
     * Sets another user's password (one the user forgot, say), lifts a lock-out and turns off a second factor (a lost
     * phone); without a password one is
     * generated. An administrator changes their own password with {@link Authentication#changePassword}, which
     * asks for the current one: so a stolen administrator session alone cannot take over the account.
     *
     * @return the password, when it was generated
     */
    public Optional<String> resetPassword(PaPrincipal admin, String userId, String password) {
        authorization.requireAdmin(admin, "pa.user.password-reset", "user:" + userId);
        PaUser user = user(userId);
        if (user.userId().equals(admin.userId())) {
            throw authorization.refuse(admin, "pa.user.password-reset", "user:" + userId,
                    "administrators change their own password with the current one, not by a reset");
        }
        require(password == null || password.length() >= MIN_PASSWORD, "a password has at least " + MIN_PASSWORD + " characters");
        String actual = password != null ? password : Passwords.randomSecret();
        user.setPassword(Passwords.hash(actual), password == null);
        user.setTotp(null, 0);
        user.loginSucceeded();
        audit.record(admin.userId(), "pa.user.password-reset", "user:" + userId, Outcome.SUCCESS,
                password == null ? "generated password" : "password set by the administrator");
        return password == null ? Optional.of(actual) : Optional.empty();
    }

    public void setUserActive(PaPrincipal admin, String userId, boolean active) {
        authorization.requireAdmin(admin, "pa.user.update", "user:" + userId);
        PaUser user = user(userId);
        require(!(user.userId().equals(admin.userId()) && !active), "administrators cannot deactivate themselves");
        user.setActive(active);
        audit.record(admin.userId(), "pa.user.update", "user:" + userId, Outcome.SUCCESS, "active " + active);
    }

    /** Binds an STI_CA user to another STI-CA root on the trust list (after a root rollover, say). */
    public void bindUserToCa(PaPrincipal admin, String userId, String caFingerprint) {
        authorization.requireAdmin(admin, "pa.user.update", "user:" + userId);
        PaUser user = user(userId);
        require(user.role() == UserRole.STI_CA, "only STI_CA users are bound to an STI-CA (caFingerprint)");
        String root = trustedRoot(caFingerprint);
        user.bindCa(root);
        audit.record(admin.userId(), "pa.user.update", "user:" + userId, Outcome.SUCCESS, "STI-CA root " + root);
    }

    private ServiceProviderAccount entity(String accountId) {
        ServiceProviderAccount account = em.find(ServiceProviderAccount.class, accountId);
        if (account == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no account " + accountId);
        }
        return account;
    }

    private PaUser user(String userId) {
        PaUser user = em.find(PaUser.class, userId);
        if (user == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no user " + userId);
        }
        return user;
    }

    /** The normalised fingerprint of a root on the trust list: a binding to an unapproved CA makes no sense. */
    private String trustedRoot(String caFingerprint) {
        String fingerprint = TrustListService.normalise(caFingerprint);
        require(fingerprint.matches("[0-9a-f]{64}"), "caFingerprint is the SHA-256 of the STI-CA root's DER in hex");
        if (em.find(TrustAnchor.class, fingerprint) == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no STI-CA root with fingerprint " + fingerprint
                    + " on the trust list");
        }
        return fingerprint;
    }

    private List<ServiceProviderCode> spcsOf(String accountId) {
        return em.createQuery("select s from ServiceProviderCode s where s.accountId = :account order by s.spc",
                ServiceProviderCode.class).setParameter("account", accountId).getResultList();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static void require(boolean condition, String detail) {
        if (!condition) {
            throw new ProblemException(ProblemType.MALFORMED, detail);
        }
    }
}
