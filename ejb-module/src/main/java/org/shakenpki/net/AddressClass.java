package org.shakenpki.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The special-purpose address blocks of the IANA registries RFC 6890 set up (IPv4 and IPv6 Special-Purpose
 * Address Registries, with the later RFC 6598, RFC 7723, RFC 8155, RFC 8215, RFC 9637 entries), grouped in the
 * classes an operator can allow with {@code shakenpki.fetch.allowed-special-addresses}. Multicast (RFC 5771,
 * RFC 4291 section 2.7) and every IPv6 address outside global unicast 2000::/3 count as special too.
 *
 * <p>An IPv4-mapped IPv6 address (::ffff:a.b.c.d, RFC 4291 section 2.5.5.2) is classed by the IPv4 address it
 * carries, because connecting to it reaches that IPv4 address.
 */
public enum AddressClass {
    /** 127.0.0.0/8, ::1 (RFC 1122, RFC 4291). */
    LOOPBACK("loopback"),
    /** 10/8, 172.16/12, 192.168/16 (RFC 1918), fc00::/7 (RFC 4193), the deprecated site-local fec0::/10. */
    PRIVATE("private"),
    /** 169.254/16 (RFC 3927: cloud metadata services live here), fe80::/10 (RFC 4291). */
    LINK_LOCAL("link-local"),
    /** 100.64/10, carrier-grade NAT (RFC 6598). */
    SHARED("shared"),
    /** 0/8 "this network" (RFC 791) and :: (RFC 4291). */
    UNSPECIFIED("unspecified"),
    /** 192.0.2/24, 198.51.100/24, 203.0.113/24 (RFC 5737), 2001:db8::/32 (RFC 3849), 3fff::/20 (RFC 9637). */
    DOCUMENTATION("documentation"),
    /** 198.18/15 (RFC 2544), 2001:2::/48 (RFC 5180). */
    BENCHMARKING("benchmarking"),
    /** 224/4 (RFC 5771), ff00::/8 (RFC 4291). */
    MULTICAST("multicast"),
    /** 192.0.0/24, AS112 and AMT blocks (RFC 6890, RFC 7535, RFC 7450), 2001::/23 (Teredo included). */
    PROTOCOL_ASSIGNMENTS("protocol-assignments"),
    /** 64:ff9b::/96, 64:ff9b:1::/48 (NAT64, RFC 6052, RFC 8215), 2002::/16 and 192.88.99/24 (6to4, RFC 3056). */
    TRANSITION("transition"),
    /** 240/4 and 255.255.255.255 (RFC 1112, RFC 919), ::/96 IPv4-compatible, 100::/64, all of IPv6 outside 2000::/3. */
    RESERVED("reserved");

    private final String settingName;

    AddressClass(String settingName) {
        this.settingName = settingName;
    }

    /** The name in {@code shakenpki.fetch.allowed-special-addresses}. */
    public String settingName() {
        return settingName;
    }

    /** The class of a setting name, e.g. {@code link-local}. */
    public static AddressClass named(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.settingName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown special-purpose address class " + name
                        + "; known: " + Arrays.stream(values()).map(AddressClass::settingName).toList()));
    }

    /** The special-purpose class of an address, or empty for an ordinary (globally reachable) one. */
    public static Optional<AddressClass> of(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return first(V4, bytes);
        }
        if (address instanceof Inet6Address) {
            if (Block.V4_MAPPED.contains(bytes)) {
                return first(V4, Arrays.copyOfRange(bytes, 12, 16));
            }
            Optional<AddressClass> listed = first(V6, bytes);
            if (listed.isPresent() || Block.GLOBAL_UNICAST.contains(bytes)) {
                return listed;
            }
            return Optional.of(RESERVED);
        }
        return Optional.of(RESERVED);
    }

    private static Optional<AddressClass> first(List<Block> blocks, byte[] address) {
        return blocks.stream().filter(b -> b.contains(address)).map(Block::addressClass).findFirst();
    }

    /** One CIDR block of a registry. */
    private record Block(byte[] prefix, int bits, AddressClass addressClass) {
        // built by hand: InetAddress turns an IPv4-mapped literal into an Inet4Address
        static final Block V4_MAPPED = new Block(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff,
                0, 0, 0, 0}, 96, RESERVED);
        static final Block GLOBAL_UNICAST = v6("2000::", 3, RESERVED);

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (prefix[full] & mask);
        }

        static Block v4(String prefix, int bits, AddressClass addressClass) {
            return new Block(literal(prefix), bits, addressClass);
        }

        static Block v6(String prefix, int bits, AddressClass addressClass) {
            byte[] bytes = literal(prefix);
            if (bytes.length != 16) {
                throw new IllegalStateException(prefix + " is not an IPv6 prefix");
            }
            return new Block(bytes, bits, addressClass);
        }

        private static byte[] literal(String text) {
            try {
                // literals only: no name service lookup happens for these
                return InetAddress.getByName(text).getAddress();
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final List<Block> V4 = List.of(
            Block.v4("0.0.0.0", 8, UNSPECIFIED),
            Block.v4("10.0.0.0", 8, PRIVATE),
            Block.v4("100.64.0.0", 10, SHARED),
            Block.v4("127.0.0.0", 8, LOOPBACK),
            Block.v4("169.254.0.0", 16, LINK_LOCAL),
            Block.v4("172.16.0.0", 12, PRIVATE),
            Block.v4("192.0.0.0", 24, PROTOCOL_ASSIGNMENTS),
            Block.v4("192.0.2.0", 24, DOCUMENTATION),
            Block.v4("192.31.196.0", 24, PROTOCOL_ASSIGNMENTS),
            Block.v4("192.52.193.0", 24, PROTOCOL_ASSIGNMENTS),
            Block.v4("192.88.99.0", 24, TRANSITION),
            Block.v4("192.168.0.0", 16, PRIVATE),
            Block.v4("192.175.48.0", 24, PROTOCOL_ASSIGNMENTS),
            Block.v4("198.18.0.0", 15, BENCHMARKING),
            Block.v4("198.51.100.0", 24, DOCUMENTATION),
            Block.v4("203.0.113.0", 24, DOCUMENTATION),
            Block.v4("224.0.0.0", 4, MULTICAST),
            Block.v4("240.0.0.0", 4, RESERVED));

    // order matters where blocks nest: 2001:2::/48 and 2001:db8::/32 before 2001::/23
    private static final List<Block> V6 = List.of(
            Block.v6("::", 128, UNSPECIFIED),
            Block.v6("::1", 128, LOOPBACK),
            Block.v6("::", 96, RESERVED),
            Block.v6("64:ff9b::", 96, TRANSITION),
            Block.v6("64:ff9b:1::", 48, TRANSITION),
            Block.v6("100::", 64, RESERVED),
            Block.v6("2001:2::", 48, BENCHMARKING),
            Block.v6("2001:db8::", 32, DOCUMENTATION),
            Block.v6("2001::", 23, PROTOCOL_ASSIGNMENTS),
            Block.v6("2002::", 16, TRANSITION),
            Block.v6("2620:4f:8000::", 48, PROTOCOL_ASSIGNMENTS),
            Block.v6("3fff::", 20, DOCUMENTATION),
            Block.v6("fc00::", 7, PRIVATE),
            Block.v6("fe80::", 10, LINK_LOCAL),
            Block.v6("fec0::", 10, PRIVATE),
            Block.v6("ff00::", 8, MULTICAST));
}
