package org.shakenpki.pa;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.AuditRecord;
import org.shakenpki.audit.Outcome;
import org.shakenpki.ca.CertificatesBySpc;
import org.shakenpki.config.Role;
import org.shakenpki.config.Roles;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The service-provider portal's business methods (what the US STI-PA's SP portal offers, STI-PA test plan
 * TC-001 to TC-011 and TC-022): a provider's administrator ({@link UserRole#SP_ADMIN}) sees its account, manages
 * its users, sees the SPC tokens issued to it and the certificates carrying its SPCs, and revokes one. Every method
 * takes the account id the page asked for and lets the caller through only to its own account
 * ({@link PaAuthorization#requireProviderAdmin}): a provider never sees another provider's data, whatever id it
 * puts in a URL.
 */
@Stateless
public class ProviderPortal {
    private static final int TOKEN_HISTORY = 200;

    /** A certificate carrying the account's SPCs, and whether the STI-PA CRL lists it. */
    public record Certificate(CertificatesBySpc.Issued issued, boolean onCrl) {
    }

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Roles roles;

    @EJB
    AuditLog audit;

    @EJB
    PaAuthorization authorization;

    @EJB
    RevocationService revocations;

    @EJB
    CertificatesBySpc certificates;

    public Views.Account account(PaPrincipal caller, String accountId) {
        authorization.requireProviderAdmin(caller, accountId, "pa.portal.account.read");
        return Views.Account.of(entity(accountId), spcs(accountId));
    }

    /** The account's users (its administrators and API users). */
    public List<Views.User> users(PaPrincipal caller, String accountId) {
        authorization.requireProviderAdmin(caller, accountId, "pa.portal.user.list");
        OffsetDateTime now = OffsetDateTime.now(clock);
        return em.createQuery("select u from PaUser u where u.accountId = :account order by u.userId", PaUser.class)
                .setParameter("account", accountId).getResultStream().map(u -> Views.User.of(u, now)).toList();
    }

    /**
     * Adds an administrator or API user to the caller's account; without a password one is generated (a service
     * user for an SP-KMS, never locked by failed logins).
     *
     * @return the password, when it was generated
     */
    public Optional<String> createUser(PaPrincipal caller, String accountId, String userId, UserRole role, String password) {
        authorization.requireProviderAdmin(caller, accountId, "pa.portal.user.create");
        require(role == UserRole.SP_ADMIN || role == UserRole.SP_API, "a provider adds SP_ADMIN or SP_API users");
        require(userId != null && AccountAdministration.USER_ID.matcher(userId).matches(),
                "userId must be 1-100 letters, digits, '.', '_', '@' or '-'");
        require(password == null || password.length() >= AccountAdministration.MIN_PASSWORD,
                "a password has at least " + AccountAdministration.MIN_PASSWORD + " characters");
        entity(accountId);
        if (em.find(PaUser.class, userId) != null) {
            throw new ProblemException(ProblemType.CONFLICT, "user " + userId + " exists");
        }
        String actual = password != null ? password : Passwords.randomSecret();
        em.persist(new PaUser(userId, role, accountId, Passwords.hash(actual), password == null, OffsetDateTime.now(clock)));
        audit.record(caller.userId(), "pa.user.create", "user:" + userId, Outcome.SUCCESS,
                "role " + role + ", account " + accountId + ", by the provider's administrator");
        return password == null ? Optional.of(actual) : Optional.empty();
    }

    /** The SPC tokens issued to the account, newest first, from their audit records (tokens are not stored). */
    public List<Views.IssuedToken> tokens(PaPrincipal caller, String accountId) {
        authorization.requireProviderAdmin(caller, accountId, "pa.portal.token.list");
        return audit.latest("account:" + accountId, TOKEN_HISTORY).stream()
                .filter(r -> r.action().equals("pa.token") && r.outcome() == Outcome.SUCCESS)
                .map(ProviderPortal::token).toList();
    }

    /**
     * The certificates this server's STI-CA issued that carry only SPCs of the account; empty when no STI-CA runs
     * here (a certificate from another STI-CA is revoked by sending it: the revocation API).
     */
    public List<Certificate> certificates(PaPrincipal caller, String accountId) {
        authorization.requireProviderAdmin(caller, accountId, "pa.portal.certificate.list");
        if (!roles.enabled(Role.CA)) {
            return List.of();
        }
        Set<String> onCrl = em.createQuery("select r from Revocation r", Revocation.class).getResultStream()
                .map(r -> r.issuerName() + "#" + r.serialHex()).collect(Collectors.toSet());
        return certificates.carryingOnly(spcCodes(accountId)).stream()
                .map(c -> new Certificate(c, onCrl.contains(c.issuerCanonical() + "#" + c.serialHex()))).toList();
    }

    /**
     * Revokes one of the account's certificates on the STI-PA CRL: its chain goes to {@link RevocationService},
     * which validates it and checks again that every SPC in it is the caller's.
     */
    public RevocationService.Result revoke(PaPrincipal caller, String accountId, String certificateId, String reason) {
        authorization.requireProviderAdmin(caller, accountId, "pa.revoke");
        boolean own = roles.enabled(Role.CA) && certificates.carryingOnly(spcCodes(accountId)).stream()
                .anyMatch(c -> c.id().equals(certificateId));
        if (!own) {
            throw authorization.refuse(caller, "pa.revoke", "account:" + accountId,
                    "certificate " + certificateId + " does not carry this account's SPCs");
        }
        String chain = certificates.chainPem(certificateId).orElseThrow(
                () -> new ProblemException(ProblemType.NOT_FOUND, "no certificate " + certificateId));
        return revocations.revoke(caller, new RevocationRequest(chain, null, null, reason));
    }

    private static Views.IssuedToken token(AuditRecord record) {
        return new Views.IssuedToken(record.occurredAt(), record.actor(), record.detail());
    }

    private ServiceProviderAccount entity(String accountId) {
        ServiceProviderAccount account = em.find(ServiceProviderAccount.class, accountId);
        if (account == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no account " + accountId);
        }
        return account;
    }

    private List<ServiceProviderCode> spcs(String accountId) {
        return em.createQuery("select s from ServiceProviderCode s where s.accountId = :account order by s.spc",
                ServiceProviderCode.class).setParameter("account", accountId).getResultList();
    }

    private Set<String> spcCodes(String accountId) {
        return spcs(accountId).stream().map(ServiceProviderCode::spc).collect(Collectors.toSet());
    }

    private static void require(boolean condition, String detail) {
        if (!condition) {
            throw new ProblemException(ProblemType.MALFORMED, detail);
        }
    }
}
