package org.shakenpki.net;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The RFC 6890 registry blocks, their edges, IPv4-mapped forms, and the setting that allows classes. */
class AddressClassTest {

    @Test
    void everySpecialPurposeBlockHasItsClass() throws UnknownHostException {
        Map<String, AddressClass> expected = new LinkedHashMap<>();
        expected.put("127.0.0.1", AddressClass.LOOPBACK);
        expected.put("127.255.255.254", AddressClass.LOOPBACK);
        expected.put("::1", AddressClass.LOOPBACK);
        expected.put("0.0.0.0", AddressClass.UNSPECIFIED);
        expected.put("0.1.2.3", AddressClass.UNSPECIFIED);
        expected.put("::", AddressClass.UNSPECIFIED);
        expected.put("10.255.0.1", AddressClass.PRIVATE);
        expected.put("172.16.0.1", AddressClass.PRIVATE);
        expected.put("172.31.255.255", AddressClass.PRIVATE);
        expected.put("192.168.0.1", AddressClass.PRIVATE);
        expected.put("fd12:3456::1", AddressClass.PRIVATE);
        expected.put("fec0::1", AddressClass.PRIVATE);
        expected.put("169.254.169.254", AddressClass.LINK_LOCAL);
        expected.put("fe80::1", AddressClass.LINK_LOCAL);
        expected.put("febf::1", AddressClass.LINK_LOCAL);
        expected.put("100.64.0.1", AddressClass.SHARED);
        expected.put("100.127.255.255", AddressClass.SHARED);
        expected.put("192.0.0.8", AddressClass.PROTOCOL_ASSIGNMENTS);
        expected.put("2001::1", AddressClass.PROTOCOL_ASSIGNMENTS);
        expected.put("2001:1ff::1", AddressClass.PROTOCOL_ASSIGNMENTS);
        expected.put("192.0.2.1", AddressClass.DOCUMENTATION);
        expected.put("198.51.100.7", AddressClass.DOCUMENTATION);
        expected.put("203.0.113.9", AddressClass.DOCUMENTATION);
        expected.put("2001:db8::1", AddressClass.DOCUMENTATION);
        expected.put("3fff::1", AddressClass.DOCUMENTATION);
        expected.put("198.18.0.1", AddressClass.BENCHMARKING);
        expected.put("198.19.255.255", AddressClass.BENCHMARKING);
        expected.put("2001:2::1", AddressClass.BENCHMARKING);
        expected.put("224.0.0.1", AddressClass.MULTICAST);
        expected.put("239.255.255.255", AddressClass.MULTICAST);
        expected.put("ff02::1", AddressClass.MULTICAST);
        expected.put("240.0.0.1", AddressClass.RESERVED);
        expected.put("255.255.255.255", AddressClass.RESERVED);
        expected.put("::a00:1", AddressClass.RESERVED);
        expected.put("100::1", AddressClass.RESERVED);
        expected.put("4000::1", AddressClass.RESERVED);
        expected.put("64:ff9b::808:808", AddressClass.TRANSITION);
        expected.put("2002:a00:1::1", AddressClass.TRANSITION);
        expected.put("192.88.99.1", AddressClass.TRANSITION);
        for (Map.Entry<String, AddressClass> entry : expected.entrySet()) {
            assertEquals(Optional.of(entry.getValue()), AddressClass.of(InetAddress.getByName(entry.getKey())), entry.getKey());
        }
    }

    @Test
    void ipv4MappedAddressesAreClassedByTheirIpv4Address() throws UnknownHostException {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 1};
        // Inet6Address.getByAddress keeps the IPv6 form that InetAddress.getByName would turn into IPv4
        assertEquals(Optional.of(AddressClass.PRIVATE), AddressClass.of(java.net.Inet6Address.getByAddress(null, mapped, -1)));
        mapped[12] = 8;
        mapped[13] = 8;
        mapped[14] = 8;
        mapped[15] = 8;
        assertEquals(Optional.empty(), AddressClass.of(java.net.Inet6Address.getByAddress(null, mapped, -1)));
        assertEquals(Optional.of(AddressClass.LOOPBACK), AddressClass.of(InetAddress.getByName("::ffff:127.0.0.1")));
    }

    @Test
    void ordinaryAddressesAndTheEdgesOfBlocksAreNotSpecial() throws UnknownHostException {
        for (String address : List.of("8.8.8.8", "1.1.1.1", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0",
                "172.15.255.255", "172.32.0.0", "192.0.1.255", "192.0.3.0", "192.167.255.255", "192.169.0.0", "198.17.255.255",
                "198.20.0.0", "223.255.255.255", "2606:4700:4700::1111", "2001:200::1", "2a00:1450::1")) {
            assertEquals(Optional.empty(), AddressClass.of(InetAddress.getByName(address)), address);
        }
    }

    @Test
    void theSettingNamesClassesOrNone() {
        assertEquals(Set.of(), AddressPolicy.parse("none").allowed());
        assertEquals(Set.of(), AddressPolicy.parse("").allowed());
        assertEquals(Set.of(AddressClass.LOOPBACK, AddressClass.LINK_LOCAL, AddressClass.PRIVATE),
                AddressPolicy.parse(" loopback, link-local ,PRIVATE").allowed());
        assertThrows(IllegalArgumentException.class, () -> AddressPolicy.parse("loopback,intranet"));
    }

    @Test
    void aHostIsRefusedIfAnyOfItsAddressesIs() throws UnknownHostException {
        AddressPolicy policy = AddressPolicy.publicOnly();
        FetchFailure failure = assertThrows(FetchFailure.class, () -> policy.check(new InetAddress[] {
                InetAddress.getByName("8.8.8.8"), InetAddress.getByName("10.1.2.3")}));
        assertEquals(FetchFailure.Reason.ADDRESS_REFUSED, failure.reason());
    }
}
