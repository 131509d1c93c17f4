package org.shakenpki.stir;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The STI-AS (ATIS-1000074, RFC 8224 section 5, RFC 8225, RFC 8588): signs a SHAKEN PASSporT with the SP-KMS's
 * current key on the HSM and returns the SIP Identity header value.
 *
 * <p>Header and claims are both in the canonical form of RFC 8225 section 9 (keys in lexicographic order, no
 * whitespace): header {@code {"alg":"ES256","ppt":"shaken","typ":"passport","x5u":<STI-CR URL>}} (RFC 8588
 * section 3), claims {@code attest, dest, iat, orig, origid} (RFC 8588 section 8), {@code iat} a NumericDate
 * integer. The full form is returned, as ATIS-1000074 section 5.3.3 requires:
 * {@code <header>.<payload>.<signature>;info=<x5u>;alg=ES256;ppt=shaken} (RFC 8224 section 4.1).
 *
 * <p>For a diverted call it signs a {@code div} PASSporT (RFC 8946 section 3, ATIS-1000085): header
 * {@code {"alg":"ES256","ppt":"div","typ":"passport","x5u":...}}, claims {@code dest, div, iat, orig} in the same
 * canonical form, and {@code opt} (the previous PASSporT's full form) for {@code ppt} {@code div-o} (RFC 8946
 * section 8); the Identity header value ends {@code ;ppt=div} (or {@code div-o}).
 *
 * <p>Rich Call Data (RFC 9795): a SHAKEN PASSporT may carry {@code crn}, {@code rcd} and {@code rcdi} among its
 * claims (section 8), written in their canonical places ({@code attest, crn, dest, iat, orig, origid, rcd, rcdi}),
 * each value in RFC 8785 canonical form; or they go into a PASSporT of their own with header {@code ppt} {@code rcd}
 * and claims {@code crn, dest, iat, orig, rcd, rcdi} (section 6), whose Identity header value ends {@code ;ppt=rcd}.
 *
 * <p>The JWS compact serialization (RFC 7515 section 7.1) is put together here rather than by a JOSE library:
 * the header depends only on the x5u, so its encoding is kept per x5u, and the claims are written directly
 * (the library's JSON string encoder built a JSON serializer on every call). The signature is the HSM's 64-byte R||S (RFC 7518 section 3.4).
 *
 * <p>A CDI bean, not an EJB: it writes nothing and needs no transaction, and the EJB container's dispatch
 * (security manager, interceptors, transaction checks) around each call was a visible share of a signing
 * request's cost (README, "Benchmarks").
 */
@ApplicationScoped
public class PassportSigner {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** Encoded headers by ppt and x5u: a few per credential signed with, so a small bound suffices. */
    private static final Map<String, String> HEADERS = new ConcurrentHashMap<>();
    private static final int MAX_HEADERS = 256;

    @Inject
    SigningCredentials credentials;

    /**
     * Signs with the current credential of a given SPC. This applies no policy: callers on behalf of others
     * go through {@link SigningService}.
     */
    public String sign(SigningRequest request, String spc) {
        return sign(request, credentials.current(spc));
    }

    /** Signs with a credential {@link SigningService} chose. */
    public String sign(SigningRequest request, SigningCredential current) {
        String signingInput = header(current.x5u()) + "." + BASE64URL.encodeToString(claims(request).getBytes(StandardCharsets.UTF_8));
        byte[] signature = current.signer().signRaw(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + BASE64URL.encodeToString(signature) + ";info=<" + current.x5u() + ">;alg=ES256;ppt=shaken";
    }

    /**
     * Signs a {@code div} or {@code div-o} PASSporT with a credential {@link SigningService} chose; returns the
     * Identity header value.
     */
    public String signDiversion(DivSigningRequest request, SigningCredential current) {
        String signingInput = header(current.x5u(), request.ppt()) + "."
                + BASE64URL.encodeToString(divClaims(request).getBytes(StandardCharsets.UTF_8));
        byte[] signature = current.signer().signRaw(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + BASE64URL.encodeToString(signature) + ";info=<" + current.x5u() + ">;alg=ES256;ppt="
                + request.ppt();
    }

    /** Signs a {@code ppt: rcd} PASSporT (RFC 9795 section 6) with a credential {@link SigningService} chose. */
    String signRcd(RcdSigningRequest request, SigningCredential current) {
        String signingInput = header(current.x5u(), "rcd") + "."
                + BASE64URL.encodeToString(rcdClaims(request).getBytes(StandardCharsets.UTF_8));
        byte[] signature = current.signer().signRaw(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + BASE64URL.encodeToString(signature) + ";info=<" + current.x5u() + ">;alg=ES256;ppt=rcd";
    }

    /** The base64url-encoded protected header of a SHAKEN PASSporT for an x5u. */
    static String header(String x5u) {
        return header(x5u, "shaken");
    }

    /** The base64url-encoded protected header of a PASSporT of type {@code ppt} for an x5u. */
    static String header(String x5u, String ppt) {
        String key = ppt + " " + x5u;
        String encoded = HEADERS.get(key);
        if (encoded == null) {
            if (HEADERS.size() >= MAX_HEADERS) {
                HEADERS.clear();
            }
            encoded = BASE64URL.encodeToString(headerJson(x5u, ppt).getBytes(StandardCharsets.UTF_8));
            HEADERS.put(key, encoded);
        }
        return encoded;
    }

    /** The protected header as JSON, keys in lexicographic order with no whitespace (RFC 8225 section 9). */
    static String headerJson(String x5u) {
        return headerJson(x5u, "shaken");
    }

    static String headerJson(String x5u, String ppt) {
        return "{\"alg\":\"ES256\",\"ppt\":" + json(ppt) + ",\"typ\":\"passport\",\"x5u\":" + json(x5u) + "}";
    }

    /** The {@code div} claims (RFC 8946 section 3) in lexicographic key order with no whitespace. */
    static String divClaims(DivSigningRequest request) {
        return "{\"dest\":{\"tn\":[" + tns(request.dest()) + "]}"
                + ",\"div\":{\"tn\":" + json(request.div()) + "}"
                + ",\"iat\":" + request.iat()
                + (request.opt() == null ? "" : ",\"opt\":" + json(request.opt()))
                + ",\"orig\":{\"tn\":" + json(request.orig()) + "}}";
    }

    private static String tns(Iterable<String> numbers) {
        StringBuilder out = new StringBuilder();
        for (String tn : numbers) {
            out.append(out.length() == 0 ? "" : ",").append(json(tn));
        }
        return out.toString();
    }

    /** The claims as JSON, written in lexicographic key order with no whitespace. */
    static String claims(SigningRequest request) {
        RcdClaims rcd = request.rcd();
        return "{\"attest\":" + json(request.attest())
                + (rcd == null || rcd.crn() == null ? "" : ",\"crn\":" + json(rcd.crn()))
                + ",\"dest\":{\"tn\":[" + tns(request.dest()) + "]}"
                + ",\"iat\":" + request.iat()
                + ",\"orig\":{\"tn\":" + json(request.orig()) + "}"
                + ",\"origid\":" + json(request.origid())
                + rcdAndRcdi(rcd) + "}";
    }

    /** The {@code rcd} PASSporT claims (RFC 9795 section 6) in lexicographic key order with no whitespace. */
    static String rcdClaims(RcdSigningRequest request) {
        RcdClaims rcd = request.rcd();
        return "{" + (rcd.crn() == null ? "" : "\"crn\":" + json(rcd.crn()) + ",")
                + "\"dest\":{\"tn\":[" + tns(request.dest()) + "]}"
                + ",\"iat\":" + request.iat()
                + ",\"orig\":{\"tn\":" + json(request.orig()) + "}"
                + rcdAndRcdi(rcd) + "}";
    }

    private static String rcdAndRcdi(RcdClaims rcd) {
        if (rcd == null) {
            return "";
        }
        return (rcd.rcd() == null ? "" : ",\"rcd\":" + rcd.rcd().json())
                + (rcd.rcdi() == null ? "" : ",\"rcdi\":" + Jcs.write(rcd.rcdi()));
    }

    /** A JSON string as RFC 8785 section 3.2.2.2 serialises it (the canonical header and claims of ATIS-1000074). */
    static String json(String value) {
        return Jcs.write(value);
    }
}
