package org.shakenpki.pa;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.pkix.SpcSyntax;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Requests for additional SPCs (STI-PA test plan: "SP requests an additional SPC"; ATIS-1000080 section 5.1: the
 * STI-PA, not the provider, assigns SPCs to accounts). A provider's administrator asks for its own account
 * ({@link PaAuthorization#requireProviderAdmin}); an STI-PA administrator approves, which adds the SPC to the
 * account exactly as {@link AccountAdministration#addSpc} does, or rejects with a note. Every step is audited.
 */
@Stateless
public class SpcRequests {
    private static final int MAX_TEXT = 500;

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    AuditLog audit;

    @EJB
    PaAuthorization authorization;

    @EJB
    AccountAdministration administration;

    /** A provider's administrator asks for an SPC for its account. */
    public Views.SpcAsk request(PaPrincipal caller, String accountId, String spc, String reason) {
        authorization.requireProviderAdmin(caller, accountId, "pa.spc-request.create");
        String code = spc == null ? "" : spc.strip();
        require(SpcSyntax.isValid(code), SpcSyntax.RULE + ": " + code);
        require(reason != null && !reason.isBlank() && reason.length() <= MAX_TEXT,
                "say why the account needs the SPC (at most " + MAX_TEXT + " characters)");
        if (em.find(ServiceProviderCode.class, code) != null) {
            throw new ProblemException(ProblemType.CONFLICT, "SPC " + code + " is already assigned");
        }
        boolean pending = !em.createQuery("select r from SpcRequest r where r.spc = :spc and r.state = :state", SpcRequest.class)
                .setParameter("spc", code).setParameter("state", SpcRequest.State.PENDING).getResultList().isEmpty();
        if (pending) {
            throw new ProblemException(ProblemType.CONFLICT, "SPC " + code + " is already requested");
        }
        SpcRequest request = new SpcRequest(accountId, code, reason.strip(), caller.userId(), OffsetDateTime.now(clock));
        em.persist(request);
        em.flush();
        audit.record(caller.userId(), "pa.spc-request.create", "account:" + accountId, Outcome.SUCCESS,
                "request " + request.id() + ", spc " + code);
        return Views.SpcAsk.of(request);
    }

    /** The requests of a provider's own account, newest first. */
    public List<Views.SpcAsk> ofAccount(PaPrincipal caller, String accountId) {
        authorization.requireProviderAdmin(caller, accountId, "pa.spc-request.read");
        return em.createQuery("select r from SpcRequest r where r.accountId = :account order by r.id desc", SpcRequest.class)
                .setParameter("account", accountId).getResultStream().map(Views.SpcAsk::of).toList();
    }

    /** The requests waiting for a decision, oldest first: for STI-PA administrators. */
    public List<Views.SpcAsk> pending(PaPrincipal admin) {
        authorization.requireAdmin(admin, "pa.spc-request.read", "spc-requests");
        return em.createQuery("select r from SpcRequest r where r.state = :state order by r.id", SpcRequest.class)
                .setParameter("state", SpcRequest.State.PENDING).getResultStream().map(Views.SpcAsk::of).toList();
    }

    /** Approves a pending request: the SPC joins the account. */
    public Views.SpcAsk approve(PaPrincipal admin, long id) {
        authorization.requireAdmin(admin, "pa.spc-request.approve", "spc-request:" + id);
        SpcRequest request = pendingRequest(id);
        administration.addSpc(admin, request.accountId(), request.spc());
        request.decide(SpcRequest.State.APPROVED, admin.userId(), OffsetDateTime.now(clock), "");
        audit.record(admin.userId(), "pa.spc-request.approve", "account:" + request.accountId(), Outcome.SUCCESS,
                "request " + id + ", spc " + request.spc());
        return Views.SpcAsk.of(request);
    }

    /** Rejects a pending request, with a note the provider sees. */
    public Views.SpcAsk reject(PaPrincipal admin, long id, String note) {
        authorization.requireAdmin(admin, "pa.spc-request.reject", "spc-request:" + id);
        require(note != null && !note.isBlank() && note.length() <= MAX_TEXT,
                "say why the request is rejected (at most " + MAX_TEXT + " characters)");
        SpcRequest request = pendingRequest(id);
        request.decide(SpcRequest.State.REJECTED, admin.userId(), OffsetDateTime.now(clock), note.strip());
        audit.record(admin.userId(), "pa.spc-request.reject", "account:" + request.accountId(), Outcome.SUCCESS,
                "request " + id + ", spc " + request.spc() + ": " + note.strip());
        return Views.SpcAsk.of(request);
    }

    /** The request under a row lock, so that two administrators deciding at once decide once. */
    private SpcRequest pendingRequest(long id) {
        SpcRequest request = em.find(SpcRequest.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (request == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no SPC request " + id);
        }
        if (request.state() != SpcRequest.State.PENDING) {
            throw new ProblemException(ProblemType.CONFLICT, "SPC request " + id + " is already " + request.state());
        }
        return request;
    }

    private static void require(boolean condition, String detail) {
        if (!condition) {
            throw new ProblemException(ProblemType.MALFORMED, detail);
        }
    }
}
