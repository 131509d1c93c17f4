package org.shakenpki.pa;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The source a login is counted against, and that X-Forwarded-For is believed only from a trusted proxy. */
class ClientSourceTest {

    @Test
    void theDirectPeerIsTheSourceAndItsForwardedForIsIgnored() {
        assertEquals("198.51.100.7", ClientSource.of("198.51.100.7", List.of(), Set.of()));
        assertEquals("198.51.100.7", ClientSource.of("198.51.100.7", List.of("203.0.113.9"), Set.of()));
        assertEquals("198.51.100.7", ClientSource.of("198.51.100.7", List.of("203.0.113.9"), Set.of("127.0.0.1")));
    }

    @Test
    void aTrustedProxysForwardedForNamesTheClientAndClientWrittenEntriesAreNotBelieved() {
        Set<String> proxies = Set.of("127.0.0.1", "10.0.0.2");
        assertEquals("203.0.113.9", ClientSource.of("127.0.0.1", List.of("203.0.113.9"), proxies));
        // the client wrote "192.0.2.1" itself; the proxy appended the address it saw
        assertEquals("203.0.113.9", ClientSource.of("127.0.0.1", List.of("192.0.2.1, 203.0.113.9"), proxies));
        // two trusted proxies in a row
        assertEquals("203.0.113.9", ClientSource.of("127.0.0.1", List.of("192.0.2.1, 203.0.113.9", "10.0.0.2"), proxies));
        // nothing forwarded: the proxy itself
        assertEquals("127.0.0.1", ClientSource.of("127.0.0.1", List.of(), proxies));
        // garbage stops the walk at the last address that could be trusted
        assertEquals("203.0.113.9", ClientSource.of("127.0.0.1", List.of("evil.example, 203.0.113.9"), proxies));
        assertEquals("127.0.0.1", ClientSource.of("127.0.0.1", List.of("not-an-address"), proxies));
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        assertEquals("2001:db8:0:1::/64", ClientSource.of("2001:db8:0:1::17", List.of(), Set.of()));
        assertEquals("2001:db8:0:1::/64", ClientSource.of("2001:db8:0:1:ffff:1:2:3", List.of(), Set.of()));
        assertEquals("2001:db8:0:1::/64", ClientSource.of("::1", List.of("[2001:db8:0:1::5]"), Set.of("::1")));
        assertEquals("192.0.2.1", ClientSource.of("::ffff:192.0.2.1", List.of(), Set.of()));
    }

    @Test
    void hostNamesAreNeverResolved() {
        assertNull(ClientSource.parse("localhost"));
        assertNull(ClientSource.parse("cafe"));
        assertEquals(ClientSource.UNKNOWN, ClientSource.of(null, List.of(), Set.of()));
        assertEquals(ClientSource.UNKNOWN, ClientSource.of("example.net", List.of(), Set.of()));
    }
}
