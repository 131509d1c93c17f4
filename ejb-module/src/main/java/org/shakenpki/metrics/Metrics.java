package org.shakenpki.metrics;

import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.util.function.Supplier;

/**
 * The one entry point the roles record events through: one static call per event, a no-op until
 * {@link MetricsBinding} binds the application's metric registry (so unit tests and tools that build the role
 * classes themselves record nothing and need nothing). Static because the recording classes include plain objects
 * built per call or by tests ({@code PassportVerifier}, {@code Pkcs11Signer}, {@code X5uChains} in its tests) that
 * CDI does not inject into; the registry itself belongs to the deployment and is bound and unbound with it.
 *
 * <p>Cost on the hot paths: a volatile read, a hash lookup and a counter increment (timers: a reservoir update).
 * Names, tags and units: {@link Meter}.
 */
public final class Metrics {
    /** Results of {@link #login}. */
    public static final String LOGIN_SUCCESS = "success";
    public static final String LOGIN_FAILURE = "failure";
    public static final String LOGIN_THROTTLED = "throttled";
    /** Authorities of {@link #revocation}. */
    public static final String STI_PA = "sti-pa";
    public static final String STI_CA = "sti-ca";

    private static volatile Recorder recorder = Recorder.NONE;

    private Metrics() {
    }

    static void bind(Recorder bound) {
        recorder = bound;
    }

    static void unbind(Recorder bound) {
        if (recorder == bound) {
            recorder = Recorder.NONE;
        }
    }

    /**
     * Runs one STI-AS signing and counts it by {@code ppt}, {@code attestation} and result: {@code signed}, the
     * refusal's problem type ({@code forbidden}, {@code malformed}, {@code serviceUnavailable}, ...) or {@code error}.
     */
    public static <T> T signature(String ppt, String attestation, Supplier<T> signing) {
        String result = "error";
        try {
            T identity = signing.get();
            result = "signed";
            return identity;
        } catch (ProblemException e) {
            result = reason(e.type());
            throw e;
        } finally {
            recorder.count(Meter.AS_SIGNATURES, ppt, attestation, result);
        }
    }

    /** One STI-VS verification that began at {@code startedNanos} ({@link System#nanoTime()}). */
    public static void verification(String verstat, String reason, long startedNanos) {
        Recorder current = recorder;
        current.time(Meter.VS_VERIFICATION_DURATION, System.nanoTime() - startedNanos);
        current.count(Meter.VS_VERIFICATIONS, verstat, reason);
    }

    /** One full path validation of an x5u chain: a miss of the STI-VS's verdict cache. */
    public static void chainValidation() {
        recorder.count(Meter.VS_CHAIN_VALIDATIONS);
    }

    /** One x5u chain lookup, served from the cache ({@code hit}) or not. */
    public static void x5uLookup(boolean hit) {
        recorder.count(Meter.X5U_CACHE, hit ? "hit" : "miss");
    }

    /** One x5u fetch that began at {@code startedNanos}; {@code failure} is its reason, null when it succeeded. */
    public static void x5uFetch(long startedNanos, String failure) {
        Recorder current = recorder;
        current.time(Meter.X5U_FETCH_DURATION, System.nanoTime() - startedNanos);
        if (failure != null) {
            current.count(Meter.X5U_FETCH_FAILURES, failure);
        }
    }

    /** One outbound fetch (any role) that failed for {@code reason}. */
    public static void fetchFailure(String reason) {
        recorder.count(Meter.FETCH_FAILURES, reason);
    }

    public static void acmeOrder() {
        recorder.count(Meter.ACME_ORDERS);
    }

    /** One tkauth-01 response judged: valid when {@code refusal} is null, else refused with that problem type. */
    public static void tkAuth(ProblemType refusal) {
        Recorder current = recorder;
        current.count(Meter.ACME_AUTHORIZATIONS, refusal == null ? "valid" : "invalid");
        if (refusal != null) {
            current.count(Meter.ACME_TKAUTH_FAILURES, reason(refusal));
        }
    }

    /** One certificate issued by a call that began at {@code startedNanos}. */
    public static void issuance(long startedNanos) {
        Recorder current = recorder;
        current.time(Meter.CA_ISSUANCE_DURATION, System.nanoTime() - startedNanos);
        current.count(Meter.CA_ISSUANCES);
    }

    /** One revocation carried out by {@code authority} ({@link #STI_PA}, {@link #STI_CA}); {@code newly} false if it was already revoked. */
    public static void revocation(String authority, boolean newly) {
        recorder.count(Meter.REVOCATIONS, authority, newly ? "revoked" : "already");
    }

    /** One SPC token request at the STI-PA, issued or refused. */
    public static void spcToken(boolean issued) {
        recorder.count(Meter.PA_SPC_TOKENS, issued ? "issued" : "refused");
    }

    /** One STI-PA password check: {@link #LOGIN_SUCCESS}, {@link #LOGIN_FAILURE} or {@link #LOGIN_THROTTLED}. */
    public static void login(String result) {
        recorder.count(Meter.PA_LOGINS, result);
    }

    /** One signature on the PKCS#11 token {@code token} that began at {@code startedNanos}. */
    public static void hsmSignature(String token, long startedNanos) {
        recorder.time(Meter.HSM_SIGN_DURATION, System.nanoTime() - startedNanos, token);
    }

    /** One audit-chain sealing run that failed. */
    public static void auditSealFailure() {
        recorder.count(Meter.AUDIT_SEAL_FAILURES);
    }

    /** A problem type as a tag value: the last part of its URI ({@code unauthorized}, {@code service-unavailable}). */
    static String reason(ProblemType type) {
        String uri = type.uri();
        return uri.substring(uri.lastIndexOf(':') + 1);
    }
}
