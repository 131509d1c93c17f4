package org.shakenpki.stir;

import java.util.ArrayList;
import java.util.List;

/**
 * The chain of custody of a diverted call (RFC 8946 section 6, ATIS-1000085) and the overall verstat, from the
 * Identity headers {@link PassportVerifier} has checked one by one.
 *
 * <p>The chain starts at the first verified {@code shaken} PASSporT whose {@code orig} is the call's From. Each
 * next link is a verified {@code div} (or {@code div-o}) PASSporT whose {@code div} claim is a destination of the
 * link before, whose {@code orig} is the original's (a diversion does not change the calling number) and, for
 * {@code div-o}, whose {@code opt} is the link before (RFC 8946 section 8). The headers may come in any order.
 *
 * <p>The overall result (docs/interop.md, "Diverted calls"): TN-Validation-Passed when a PASSporT on the chain has
 * the call's To in its {@code dest} (the retargeted number in the last {@code div} PASSporT, or the To header field
 * that retargeting leaves unchanged in the original), with attest, origid, SPC and x5u of the original. Otherwise the failure of the header that claims to have sent the call to the To (for
 * example a {@code div} PASSporT that does not follow, or whose certificate is refused), else of the first
 * {@code shaken} PASSporT, else of the first header. Headers off a chain that passes are reported failed one by one
 * but do not change the overall result, as RFC 8224 section 6.2 lets one valid Identity header decide.
 */
final class CustodyChain {

    private CustodyChain() {
    }

    static boolean isDiv(String ppt) {
        return "div".equals(ppt) || "div-o".equals(ppt);
    }

    static VerificationResult decide(VerificationRequest request, List<CheckedPassport> checked) {
        List<CheckedPassport> headers = new ArrayList<>(checked);
        int root = original(request, headers);
        List<Integer> chain = new ArrayList<>();
        if (root >= 0) {
            chain.add(root);
            for (int next = follow(headers, chain, root); next >= 0; next = follow(headers, chain, root)) {
                chain.add(next);
            }
        }
        for (int i = 0; i < headers.size(); i++) {
            CheckedPassport header = headers.get(i);
            if (header.isDiv() && header.passed() && !chain.contains(i)) {
                headers.set(i, refuse(header, root < 0
                        ? "no verified SHAKEN PASSporT of this call for this div PASSporT to follow (RFC 8946 section 6)"
                        : "div " + header.div() + " is not a destination of any PASSporT before it in the chain of custody"));
            }
        }
        List<VerificationResult> perHeader = headers.stream().map(CheckedPassport::result).toList();
        if (root < 0) {
            int cause = firstShaken(headers);
            return because(cause >= 0 ? cause : firstFailed(headers), headers, null, perHeader);
        }
        CheckedPassport end = headers.get(chain.get(chain.size() - 1));
        VerificationResult original = headers.get(root).result();
        for (int link : chain) {
            if (headers.get(link).dest().containsAll(request.toTns())) {
                return original.overall("the SHAKEN PASSporT and " + (chain.size() - 1) + " div PASSporT(s) verified, and"
                        + " their chain of custody reaches " + request.toTns(), perHeader);
            }
        }
        for (int i = headers.size() - 1; i >= 0; i--) {
            CheckedPassport header = headers.get(i);
            if (!chain.contains(i) && !header.passed() && header.dest() != null && header.dest().containsAll(request.toTns())) {
                return because(i, headers, original, perHeader);
            }
        }
        String shortOfTo = "the chain of custody ends at dest " + end.dest() + ", which does not include to " + request.toTns();
        return original.refused(Failure.INVALID_IDENTITY_HEADER, shortOfTo).overall(shortOfTo, perHeader);
    }

    /** The first verified SHAKEN PASSporT from the call's From; a verified one from another number is refused. */
    private static int original(VerificationRequest request, List<CheckedPassport> headers) {
        int root = -1;
        for (int i = 0; i < headers.size(); i++) {
            CheckedPassport header = headers.get(i);
            if (!"shaken".equals(header.ppt()) || !header.passed()) {
                continue;
            }
            if (!header.orig().equals(request.fromTn())) {
                headers.set(i, refuse(header, "orig " + header.orig() + " does not match from " + request.fromTn()));
            } else if (root < 0) {
                root = i;
            }
        }
        return root;
    }

    /** The next link after the chain's last, or -1; a div that would follow but breaks custody is refused. */
    private static int follow(List<CheckedPassport> headers, List<Integer> chain, int root) {
        CheckedPassport last = headers.get(chain.get(chain.size() - 1));
        for (int i = 0; i < headers.size(); i++) {
            CheckedPassport header = headers.get(i);
            if (!header.isDiv() || !header.passed() || chain.contains(i) || !last.dest().contains(header.div())) {
                continue;
            }
            if (!header.orig().equals(headers.get(root).orig())) {
                headers.set(i, refuse(header, "orig " + header.orig() + " differs from the original PASSporT's orig "
                        + headers.get(root).orig() + "; a diversion does not change the calling number (RFC 8946 section 6)"));
            } else if (header.opt() != null && !header.opt().equals(last.jws())) {
                headers.set(i, refuse(header, "opt is not the PASSporT this div-o PASSporT follows (RFC 8946 section 8)"));
            } else {
                return i;
            }
        }
        return -1;
    }

    private static CheckedPassport refuse(CheckedPassport header, String detail) {
        return header.with(header.result().refused(Failure.INVALID_IDENTITY_HEADER, detail));
    }

    private static int firstShaken(List<CheckedPassport> headers) {
        for (int i = 0; i < headers.size(); i++) {
            if ("shaken".equals(headers.get(i).ppt())) {
                return i;
            }
        }
        return -1;
    }

    private static int firstFailed(List<CheckedPassport> headers) {
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).result().failure() != null) {
                return i;
            }
        }
        return -1;
    }

    /** The overall failure of header {@code index}, with what is known of the original SHAKEN PASSporT. */
    private static VerificationResult because(int index, List<CheckedPassport> headers, VerificationResult original,
                                              List<VerificationResult> perHeader) {
        if (index < 0) {
            String none = "the request carries no Identity header with a SHAKEN PASSporT";
            return VerificationResult.failed(Failure.NO_IDENTITY, none, null, null, null, null).overall(none, perHeader);
        }
        VerificationResult cause = headers.get(index).result();
        VerificationResult known = original != null ? original : cause;
        return new VerificationResult(cause.verstat(), cause.failure(), "Identity header " + (index + 1) + " ("
                + headers.get(index).ppt() + "): " + cause.reason(), known.attest(), known.origid(), known.spc(),
                known.x5u(), null, perHeader);
    }
}
