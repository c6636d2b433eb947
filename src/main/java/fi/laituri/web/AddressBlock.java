package fi.laituri.web;

import java.net.InetAddress;

/** A block of IP addresses written as an address or in CIDR notation: {@code 10.0.0.0/8}, {@code ::1}, {@code fc00::/7}. */
public record AddressBlock(byte[] network, int bits) {

    /**
     * Parses a literal address with an optional prefix length; never looks a name up.
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static AddressBlock parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        InetAddress address = ClientAddress.literal(slash < 0 ? t : t.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("not an address or CIDR block: " + text);
        }
        int max = address.getAddress().length * 8;
        int bits;
        try {
            bits = slash < 0 ? max : Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (bits < 0 || bits > max) {
            throw new IllegalArgumentException("not a prefix length in " + text);
        }
        return new AddressBlock(address.getAddress(), bits);
    }

    /** An address written as a literal ({@code 192.0.2.7}, {@code 2001:db8::1}), or null; never a name look-up. */
    public static InetAddress literal(String text) {
        return ClientAddress.literal(text);
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((a[i / 8] & mask) != (network[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
