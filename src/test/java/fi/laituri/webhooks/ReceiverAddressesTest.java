package fi.laituri.webhooks;

import fi.laituri.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The address rules of webhooks, without the network: names resolve through a table the test gives (DNS is
 * never asked), and nothing is connected to. Public addresses below are only ever compared, never contacted.
 */
class ReceiverAddressesTest {

    private static final HostResolver NO_DNS = host -> {
        throw new AssertionError("asked DNS for " + host);
    };

    private static ReceiverAddresses strict(HostResolver resolver) {
        return new ReceiverAddresses(false, List.of(), resolver);
    }

    private static HostResolver table(Map<String, List<String>> names) {
        return host -> {
            List<String> addresses = names.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            return addresses.stream().map(a -> literal(a)).toList();
        };
    }

    private static InetAddress literal(String text) {
        InetAddress address = fi.laituri.web.AddressBlock.literal(text);
        if (address == null) {
            throw new IllegalArgumentException(text);
        }
        return address;
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/hooks", "https://127.8.9.10:3306/", "https://localhost/hooks",
            "https://api.localhost./hooks", "https://[::1]/hooks", "https://0.0.0.0/", "https://[::]/",
            "https://10.1.2.3/", "https://172.16.0.1/", "https://192.168.1.1/", "https://169.254.169.254/latest/meta-data/",
            "https://[fe80::1]/", "https://[fd00::1]/", "https://[fc12:3456::1]/", "https://224.0.0.1/", "https://[ff02::1]/",
            "https://100.64.0.1/", "https://255.255.255.255/", "https://[::ffff:127.0.0.1]/", "https://[::ffff:169.254.169.254]/",
            "https://[64:ff9b::a9fe:a9fe]/", "https://[2002:7f00:1::]/", "https://[::127.0.0.1]/",
            "https://2130706433/", "https://[fe80::1%25eth0]/", "https://127.1/", "https://0x7f.0.0.1/", "https://0177.0.0.1/", "https://017700000001/"})
    void aSpecialPurposeAddressIsRefusedAtRegistrationNamingUrl(String url) {
        DomainException refused = assertThrows(DomainException.class, () -> strict(NO_DNS).checkedUrl(url));

        assertEquals(DomainException.Kind.INVALID, refused.kind());
        assertEquals("url", refused.errors().get(0).field(), url);
    }

    @Test
    void aPlainHttpUrlIsRefusedUnlessAllowed() {
        assertThrows(DomainException.class, () -> strict(NO_DNS).checkedUrl("http://receiver.example/hooks"));
        assertEquals("http://receiver.example/hooks",
                new ReceiverAddresses(true, List.of(), NO_DNS).checkedUrl("http://receiver.example/hooks"));
    }

    @Test
    void aNameIsNotLookedUpAtRegistration() {
        assertEquals("https://receiver.example/hooks", strict(NO_DNS).checkedUrl("https://receiver.example/hooks"));
    }

    @Test
    void anAllowListedAddressIsAccepted() {
        ReceiverAddresses internal = new ReceiverAddresses(true, List.of("127.0.0.1", "10.20.0.0/16"), NO_DNS);

        assertEquals("http://127.0.0.1:8081/hooks", internal.checkedUrl("http://127.0.0.1:8081/hooks"));
        assertEquals("https://10.20.3.4/hooks", internal.checkedUrl("https://10.20.3.4/hooks"));
        assertThrows(DomainException.class, () -> internal.checkedUrl("https://10.21.3.4/hooks"));
        assertThrows(DomainException.class, () -> internal.checkedUrl("https://127.0.0.2/hooks"));
    }

    @Test
    void atDeliveryANameResolvingToLoopbackIsRefusedWithoutSayingWhatAnswersThere() {
        ReceiverAddresses addresses = strict(table(Map.of("rebound.example", List.of("127.0.0.1"))));

        ReceiverAddresses.Refused refused = assertThrows(ReceiverAddresses.Refused.class,
                () -> addresses.resolve(URI.create("https://rebound.example/hooks")));

        assertTrue(refused.getMessage().contains("loopback"), refused.getMessage());
        assertTrue(!refused.getMessage().contains("127.0.0.1"), refused.getMessage());
    }

    @Test
    void atDeliveryOneRefusedAddressAmongSeveralRefusesTheName() {
        ReceiverAddresses addresses = strict(table(Map.of("mixed.example", List.of("192.0.2.80", "203.0.113.9",
                "93.184.215.14", "169.254.169.254"))));

        assertThrows(ReceiverAddresses.Refused.class, () -> addresses.resolve(URI.create("https://mixed.example/")));
    }

    @Test
    void atDeliveryTheCheckedAddressIsTheOneToConnectToAndTheNameIsResolvedOnce() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        HostResolver resolver = host -> {
            lookups.incrementAndGet();
            return List.of(literal("93.184.215.14"));
        };

        InetAddress address = strict(resolver).resolve(URI.create("https://receiver.example/hooks"));

        assertEquals(literal("93.184.215.14"), address);
        assertEquals(1, lookups.get());
    }

    @Test
    void atDeliveryAnHttpUrlIsRefusedOnceHttpIsNoLongerAllowed() {
        assertThrows(ReceiverAddresses.Refused.class,
                () -> strict(NO_DNS).resolve(URI.create("http://receiver.example/hooks")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "169.254.169.254", "::1", "fd00::1", "fe80::1", "ff02::1",
            "::ffff:10.0.0.1", "64:ff9b::7f00:1", "2002:a9fe:a9fe::1", "0.0.0.0", "::"})
    void specialPurposeAddressesHaveAKind(String address) {
        assertTrue(ReceiverAddresses.kind(literal(address)) != null, address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "64:ff9b::5db8:d70e", "2002:5db8:d70e::1"})
    void publicAddressesHaveNoKind(String address) {
        assertNull(ReceiverAddresses.kind(literal(address)), address);
    }
}
