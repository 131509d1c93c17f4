package org.shakenpki.stir;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code rcdi} claim (RFC 9795 section 5.2): a JSON object whose keys are JSON pointers (RFC 6901) into the
 * {@code rcd} claim and whose values are digest strings ({@link RcdDigests}). For a pointer to a URI
 * ({@link RichCallData#links()}: {@code /icn}, {@code /jcl}, a {@code uri} property inside {@code jcd}) the digest is
 * of the content the URI serves, as bytes; for any other pointer (the whole {@code /jcd}, say) it is of the value's
 * RFC 8785 canonical JSON (section 5.2.1). Reading choices are in docs/interop.md, "Rich Call Data".
 *
 * <p>Signing ({@link #digests}): a digest for every link, fetched now, and one for {@code /jcd}. Verifying
 * ({@link #verify}): every digest of {@code rcdi} is checked; a mismatch, a digest that cannot be checked (content
 * not fetched, an unknown algorithm, a pointer that names nothing) fails the RCD; a link {@code rcdi} does not cover
 * leaves it {@link RcdResult.Status#UNPROTECTED}.
 */
final class RcdIntegrity {
    private RcdIntegrity() {
    }

    /** A link the STI-AS could not hash. */
    static final class Unreachable extends Exception {
        private static final long serialVersionUID = 1L;
        final String pointer;

        Unreachable(String pointer, String detail) {
            super(detail, null, false, false);
            this.pointer = pointer;
        }
    }

    /** The {@code rcdi} claim for an {@code rcd} claim, keys in lexicographic order. */
    static Map<String, String> digests(RichCallData rcd, LinkedContent content) throws Unreachable {
        Map<String, String> rcdi = new TreeMap<>();
        for (Map.Entry<String, String> link : rcd.links().entrySet()) {
            try {
                rcdi.put(link.getKey(), RcdDigests.sri(content.get(checked(link.getValue(), null))));
            } catch (IOException | IllegalArgumentException e) {
                throw new Unreachable(link.getKey(), e.getMessage());
            }
        }
        if (rcd.jcd() != null) {
            rcdi.put("/jcd", RcdDigests.sriOfJson(rcd.jcd()));
        }
        return rcdi;
    }

    /**
     * Checks an {@code rcdi} claim (null when the PASSporT has none) against the {@code rcd} claim and the content
     * its links serve.
     *
     * @param ports the ports a link may name (those of x5u, ATIS-1000074 section 5.3.1)
     */
    static RcdResult verify(RichCallData rcd, Object rcdi, String crn, String ppt, LinkedContent content, Set<Integer> ports) {
        Map<String, String> links = rcd.links();
        if (rcdi != null && !(rcdi instanceof Map<?, ?>)) {
            return result(RcdResult.Status.FAILED, "rcdi is not a JSON object (RFC 9795 section 5.2)", rcd, crn, ppt,
                    unchecked(links), null);
        }
        Map<?, ?> digests = rcdi == null ? Map.of() : (Map<?, ?>) rcdi;
        List<RcdResult.Link> checked = new ArrayList<>();
        RcdResult.Digest jcd = rcd.jcd() == null ? null : RcdResult.Digest.NOT_COVERED;
        String failure = null;
        for (Map.Entry<?, ?> entry : digests.entrySet()) {
            String pointer = String.valueOf(entry.getKey());
            if (!(entry.getValue() instanceof String digest)) {
                failure = first(failure, "rcdi " + pointer + " is not a digest string");
                continue;
            }
            RcdResult.Digest state;
            String why;
            try {
                byte[] bytes = links.containsKey(pointer) ? content.get(checked(links.get(pointer), ports))
                        : Jcs.write(rcd.resolve(pointer)).getBytes(StandardCharsets.UTF_8);
                state = RcdDigests.matches(digest, bytes) ? RcdResult.Digest.VERIFIED : RcdResult.Digest.MISMATCH;
                why = state == RcdResult.Digest.MISMATCH ? "the content at rcdi " + pointer + " does not match its digest" : null;
            } catch (IOException e) {
                state = RcdResult.Digest.UNAVAILABLE;
                why = "the content of rcdi " + pointer + " cannot be had: " + e.getMessage();
            } catch (IllegalArgumentException e) {
                state = RcdResult.Digest.UNAVAILABLE;
                why = "rcdi " + pointer + " cannot be checked: " + e.getMessage();
            }
            failure = why == null ? failure : first(failure, why);
            if (links.containsKey(pointer)) {
                checked.add(new RcdResult.Link(pointer, links.get(pointer), state));
            } else if (pointer.equals("/jcd")) {
                jcd = state;
            }
        }
        List<RcdResult.Link> all = new ArrayList<>(checked);
        boolean uncovered = false;
        for (Map.Entry<String, String> link : links.entrySet()) {
            if (!digests.containsKey(link.getKey())) {
                all.add(new RcdResult.Link(link.getKey(), link.getValue(), RcdResult.Digest.NOT_COVERED));
                uncovered = true;
            }
        }
        if (failure != null) {
            return result(RcdResult.Status.FAILED, failure, rcd, crn, ppt, all, jcd);
        }
        if (uncovered) {
            return result(RcdResult.Status.UNPROTECTED, "the rcd claim links content that no rcdi digest protects", rcd, crn, ppt,
                    all, jcd);
        }
        return result(RcdResult.Status.VERIFIED, "the rcd claims verified" + (all.isEmpty() ? "" : " with their rcdi digests"),
                rcd, crn, ppt, all, jcd);
    }

    /** A link URL the server fetches: https, a host, no userinfo or fragment, an allowed port (null: any). */
    static URI checked(String url, Set<Integer> ports) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URI");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("not an https URL with a host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("an https URL without userinfo or fragment is required");
        }
        int port = uri.getPort() < 0 ? 443 : uri.getPort();
        if (ports != null && !ports.contains(port)) {
            throw new IllegalArgumentException("port " + port + " is not allowed (allowed: " + ports + ")");
        }
        return uri;
    }

    private static List<RcdResult.Link> unchecked(Map<String, String> links) {
        List<RcdResult.Link> all = new ArrayList<>();
        links.forEach((pointer, url) -> all.add(new RcdResult.Link(pointer, url, RcdResult.Digest.UNAVAILABLE)));
        return all;
    }

    private static String first(String earlier, String now) {
        return earlier != null ? earlier : now;
    }

    private static RcdResult result(RcdResult.Status status, String reason, RichCallData rcd, String crn, String ppt,
                                    List<RcdResult.Link> links, RcdResult.Digest jcd) {
        return new RcdResult(status, reason, ppt, rcd.nam(), rcd.apn(), crn, links, jcd);
    }
}
