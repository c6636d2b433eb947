package fi.laituri.web;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Addresses as proxies write them in Forwarded and X-Forwarded-For, and what is not one. */
class ClientAddressTest {

    @Test
    void addressesWithAndWithoutPortsAreReadAsTheyAreWritten() throws Exception {
        assertEquals(InetAddress.getByName("192.0.2.7"), ClientAddress.literal(" 192.0.2.7 "));
        assertEquals(InetAddress.getByName("192.0.2.7"), ClientAddress.literal("192.0.2.7:4711"));
        assertEquals(InetAddress.getByName("2001:db8::1"), ClientAddress.literal("2001:db8::1"));
        assertEquals(InetAddress.getByName("2001:db8::1"), ClientAddress.literal("\"[2001:db8::1]:80\""));
    }

    @Test
    void namesObfuscatedIdentifiersAndImpossibleAddressesAreNoAddressAndAreNeverLookedUp() {
        for (String value : new String[] {"localhost", "example.org", "unknown", "_hidden", "999.1.1.1",
                "1.2.3", "abc:def:ghi", "[::1", "", "face:b00c", "::g", "fe80::1%eth0"}) {
            assertNull(ClientAddress.literal(value), value);
        }
    }
}
