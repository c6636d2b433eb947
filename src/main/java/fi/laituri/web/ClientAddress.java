package fi.laituri.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.util.ProxyHeaderParser;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address of the client a request comes from, for limits kept per client. A request from one of
 * {@code laituri.trusted-proxies} (addresses or CIDR blocks, none by default) is taken to be relayed: the client
 * is the nearest address in its {@code Forwarded} or {@code X-Forwarded-For} chain (or in the header named by
 * {@code micronaut.server.client-address-header}) that is not itself a trusted proxy. From anyone else those
 * headers are ignored, as they say whatever the sender likes.
 *
 * <p>Micronaut's own {@code HttpClientAddressResolver} believes the first address of the chain from any sender,
 * which a client sets by sending the header itself; its parser of the chain is used here.
 */
@Singleton
public class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final List<AddressBlock> trusted;
    private final String header;

    ClientAddress(@Value("${laituri.trusted-proxies:}") List<String> trustedProxies, HttpServerConfiguration server) {
        this.trusted = trustedProxies.stream().map(String::strip).filter(s -> !s.isEmpty()).map(ClientAddress::block).toList();
        this.header = server.getClientAddressHeader();
    }

    /** The client's address as text ({@code 192.0.2.7}, {@code 2001:db8:0:0:0:0:0:1}). */
    public String of(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress peer = remote.getAddress();
        if (peer == null) {
            return remote.getHostString();
        }
        InetAddress client = peer;
        if (isTrusted(peer)) {
            List<String> chain = header == null ? new ProxyHeaderParser(request).getFor()
                    : request.getHeaders().getAll(header).stream().flatMap(v -> Arrays.stream(v.split(","))).toList();
            for (int i = chain.size() - 1; i >= 0 && isTrusted(client); i--) {
                InetAddress hop = literal(chain.get(i));
                if (hop == null) {
                    // An obfuscated or malformed hop: the client is beyond it, unknown; the last known hop stands.
                    break;
                }
                client = hop;
            }
        }
        return client.getHostAddress();
    }

    private static AddressBlock block(String text) {
        try {
            return AddressBlock.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("laituri.trusted-proxies: " + e.getMessage());
        }
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(b -> b.contains(address));
    }

    /**
     * An address written as a literal, with or without a port ({@code 192.0.2.7:4711}, {@code [2001:db8::1]:80});
     * null for anything else. Never looks a name up: a header value must not make the server send a DNS query.
     */
    static InetAddress literal(String value) {
        String v = value.strip();
        if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) {
            v = v.substring(1, v.length() - 1);
        }
        if (v.startsWith("[")) {
            int end = v.indexOf(']');
            v = end < 0 ? "" : v.substring(1, end);
        } else if (v.indexOf(':') > 0 && v.indexOf(':') == v.lastIndexOf(':')) {
            v = v.substring(0, v.indexOf(':'));
        }
        if (IPV4.matcher(v).matches()) {
            byte[] bytes = new byte[4];
            String[] parts = v.split("\\.");
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(parts[i]);
                if (octet > 255) {
                    return null;
                }
                bytes[i] = (byte) octet;
            }
            return byAddress(bytes);
        }
        if (IPV6.matcher(v).matches()) {
            try {
                // In brackets Java parses the text as an IPv6 literal or refuses it; it never resolves it as a name.
                return InetAddress.getByName("[" + v + "]");
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
