package fi.laituri.webhooks;

import fi.laituri.DomainException;
import fi.laituri.web.AddressBlock;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where webhooks may send: {@code https} URLs (also {@code http} with {@code laituri.webhooks.allow-http}) whose
 * host is a public address. Loopback, private, link-local, multicast, unspecified and other special-purpose
 * addresses (IPv4 and IPv6, also when embedded in IPv6 as mapped, compatible, 6to4 or NAT64 addresses) are
 * refused, so that a webhook cannot make Laituri reach its own database, the cloud's metadata service or the
 * internal network; {@code laituri.webhooks.allowed-addresses} (addresses or CIDR blocks) lets an internal
 * receiver through. A registration is checked as written (a name is not looked up then: what it resolves to may
 * change); every delivery resolves the host, checks every address it gets, and connects to a checked one.
 */
@Singleton
class ReceiverAddresses {

    /** Special-purpose blocks (IANA registries), each with what it is. */
    private static final List<Special> SPECIAL = List.of(
            special("0.0.0.0/8", "unspecified"),
            special("10.0.0.0/8", "private"),
            special("100.64.0.0/10", "shared (carrier-grade NAT)"),
            special("127.0.0.0/8", "loopback"),
            special("169.254.0.0/16", "link-local"),
            special("172.16.0.0/12", "private"),
            special("192.0.0.0/24", "reserved"),
            special("192.0.2.0/24", "documentation"),
            special("192.88.99.0/24", "reserved"),
            special("192.168.0.0/16", "private"),
            special("198.18.0.0/15", "benchmarking"),
            special("198.51.100.0/24", "documentation"),
            special("203.0.113.0/24", "documentation"),
            special("224.0.0.0/4", "multicast"),
            special("240.0.0.0/4", "reserved"),
            special("::/128", "unspecified"),
            special("::1/128", "loopback"),
            special("::/96", "reserved (IPv4-compatible)"),
            special("100::/64", "reserved"),
            special("2001::/23", "reserved"),
            special("2001:db8::/32", "documentation"),
            special("fc00::/7", "unique local"),
            special("fe80::/10", "link-local"),
            special("fec0::/10", "site-local"),
            special("ff00::/8", "multicast"));
    /** IPv6 blocks that carry an IPv4 address, and where: it is checked as that IPv4 address. */
    private static final List<Embedding> EMBEDDING = List.of(
            // Java reads ::ffff:a.b.c.d as the IPv4 address itself; an Inet6Address made from raw bytes may still carry it.
            new Embedding(new AddressBlock(new byte[]{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0}, 96), 12),
            new Embedding(AddressBlock.parse("64:ff9b::/96"), 12),
            new Embedding(AddressBlock.parse("64:ff9b:1::/48"), 12),
            new Embedding(AddressBlock.parse("2002::/16"), 2));
    private static final Pattern NUMERIC = Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*");
    private static final Pattern DOTTED_QUAD = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

    private final boolean allowHttp;
    private final List<AddressBlock> allowed;
    private final HostResolver resolver;

    ReceiverAddresses(@Value("${laituri.webhooks.allow-http:false}") boolean allowHttp,
                      @Value("${laituri.webhooks.allowed-addresses:}") List<String> allowedAddresses,
                      HostResolver resolver) {
        this.allowHttp = allowHttp;
        this.allowed = allowedAddresses.stream().map(String::strip).filter(s -> !s.isEmpty()).map(ReceiverAddresses::allowed).toList();
        this.resolver = resolver;
    }

    /** A receiver's address was refused; the message says why, and never what (if anything) answers there. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }

    /**
     * The URL as it is stored, if a webhook may send there; else a 400 naming {@code url}. Credentials are refused
     * too: they end up in logs and proxies, and the signature is for proving who sends.
     */
    String checkedUrl(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw DomainException.invalid("url", "not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw DomainException.invalid("url", "an absolute https URL, like https://example.org/hooks/laituri");
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw DomainException.invalid("url", "must not carry a user name or password; receivers check the signature instead");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw DomainException.invalid("url", "names no host");
        }
        try {
            checkScheme(uri);
            for (InetAddress address : written(uri.getHost())) {
                check(address);
            }
        } catch (Refused e) {
            throw DomainException.invalid("url", e.getMessage());
        }
        return uri.toString();
    }

    /**
     * The address a delivery to the URL connects to: its host resolved now, each address it resolves to checked
     * (one refused address refuses them all: a name that also points inside is not one to trust).
     */
    InetAddress resolve(URI uri) throws Refused, UnknownHostException {
        checkScheme(uri);
        String host = uri.getHost();
        if (host == null) {
            throw new Refused("the URL names no host");
        }
        List<InetAddress> addresses = written(host);
        if (addresses.isEmpty()) {
            addresses = resolver.resolve(host);
        }
        if (addresses.isEmpty()) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            check(address);
        }
        return addresses.get(0);
    }

    private void checkScheme(URI uri) throws Refused {
        if ("http".equalsIgnoreCase(uri.getScheme()) && !allowHttp) {
            throw new Refused("webhooks send over https only (laituri.webhooks.allow-http is off)");
        }
    }

    /**
     * The addresses a host written in a URL stands for without a look-up: a literal, or loopback for
     * {@code localhost} and its subdomains (RFC 6761); empty for a name that DNS has to answer.
     */
    private static List<InetAddress> written(String host) throws Refused {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return List.of(InetAddress.getLoopbackAddress());
        }
        // 127.1, 2130706433, 0x7f.0.0.1, 0177.0.0.1: resolvers read these as addresses, each its own way.
        if (NUMERIC.matcher(h).matches() && !DOTTED_QUAD.matcher(h).matches()) {
            throw new Refused("write an IPv4 address as four decimal numbers, like 192.0.2.7");
        }
        InetAddress literal = AddressBlock.literal(h);
        if (literal != null) {
            return List.of(literal);
        }
        if (h.startsWith("[")) {
            // With a zone (fe80::1%eth0) or otherwise not one this check reads: not one to send to.
            throw new Refused("an IPv6 address without a zone, like [2001:db8::1]");
        }
        return List.of();
    }

    private void check(InetAddress address) throws Refused {
        if (allowed.stream().anyMatch(b -> b.contains(address))) {
            return;
        }
        String kind = kind(address);
        if (kind != null) {
            throw new Refused("refused: the receiver's address is in the " + kind + " range, which webhooks may not reach;"
                    + " an internal receiver must be listed in laituri.webhooks.allowed-addresses");
        }
    }

    /** What kind of special-purpose address this is; null for an ordinary public one. */
    static String kind(InetAddress address) {
        String kind = SPECIAL.stream().filter(s -> s.block().contains(address)).map(Special::kind).findFirst().orElse(null);
        if (kind == null && address instanceof Inet6Address) {
            return EMBEDDING.stream().filter(e -> e.block().contains(address)).findFirst()
                    .map(e -> kind(e.ipv4(address))).orElse(null);
        }
        return kind;
    }

    private static AddressBlock allowed(String text) {
        try {
            return AddressBlock.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("laituri.webhooks.allowed-addresses: " + e.getMessage());
        }
    }

    private static Special special(String block, String kind) {
        return new Special(AddressBlock.parse(block), kind);
    }

    private record Special(AddressBlock block, String kind) {
    }

    private record Embedding(AddressBlock block, int offset) {
        InetAddress ipv4(InetAddress address) {
            try {
                return InetAddress.getByAddress(Arrays.copyOfRange(address.getAddress(), offset, offset + 4));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
