package org.shakenpki.pa;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The client source a login is counted against ({@link LoginThrottle}): the address of the direct peer, or,
 * when that peer is a proxy named in {@code shakenpki.pa.login.trusted-proxies}, the address that proxy put
 * into {@code X-Forwarded-For} (the rightmost entry that is not itself a trusted proxy; entries further left
 * were written by the client and prove nothing). Without trusted proxies the header is ignored, as anyone can
 * send it. An IPv6 client is counted by its /64, the smallest block a single site is usually given
 * (RFC 6177), so that rotating addresses within it does not escape the throttle.
 *
 * <p>Behind a load balancer that is not a trusted proxy (HAProxy in TCP mode, as {@code ./shaken-pki start
 * --nodes 2} runs it) every client has the balancer's address: they share one source, and only service users
 * (exempt from the source throttle) are sure to get in while an outsider is refused.
 */
public final class ClientSource {
    /** The source when the peer's address is unknown or unreadable. */
    public static final String UNKNOWN = "unknown";
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private ClientSource() {
    }

    /**
     * @param peer           the direct peer's address ({@code ServletRequest.getRemoteAddr()})
     * @param forwardedFor   the {@code X-Forwarded-For} header values, or an empty list
     * @param trustedProxies the addresses of proxies whose {@code X-Forwarded-For} is believed
     * @return the source key: an IPv4 address, an IPv6 /64 such as {@code 2001:db8:0:1::/64}, or {@link #UNKNOWN}
     */
    public static String of(String peer, List<String> forwardedFor, Set<String> trustedProxies) {
        InetAddress client = parse(peer);
        if (client == null) {
            return UNKNOWN;
        }
        Set<InetAddress> trusted = new HashSet<>();
        for (String proxy : trustedProxies) {
            InetAddress address = parse(proxy.strip());
            if (address != null) {
                trusted.add(address);
            }
        }
        if (trusted.contains(client)) {
            List<String> hops = forwardedFor.stream().flatMap(v -> List.of(v.split(",")).stream()).map(String::strip).toList();
            for (int i = hops.size() - 1; i >= 0; i--) {
                InetAddress hop = parse(hops.get(i));
                if (hop == null) {
                    break; // garbage in the header: stay with the last address we could trust
                }
                client = hop;
                if (!trusted.contains(hop)) {
                    break;
                }
            }
        }
        return key(client);
    }

    /** An address literal (never a host name: nothing here may cause a DNS lookup), or null. */
    static InetAddress parse(String text) {
        if (text == null) {
            return null;
        }
        String literal = text.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        if (!ADDRESS.matcher(literal).matches() || (!literal.contains(":") && !literal.matches("[0-9.]+"))) {
            return null;
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static String key(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return address.getHostAddress();
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return prefix.append(":/64").toString();
    }
}
