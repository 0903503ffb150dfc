package io.gigagate.files;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which addresses the gateway may fetch a client's URL from. Loopback, private, link-local (which
 * holds the cloud metadata address 169.254.169.254), multicast, unspecified, carrier-grade NAT and
 * other reserved ranges are refused, so a client cannot make the gateway reach what only the gateway
 * can reach (SSRF). The allow-list names hosts or addresses that are fetched all the same.
 */
public final class AddressPolicy {

    /** Thrown before any connection is made to a refused address. */
    public static final class RefusedAddressException extends UnknownHostException {
        public RefusedAddressException(String message) {
            super(message);
        }
    }

    private final Set<String> allowed;

    /** @param allowList host names and IP literals (compared as written, case-insensitive) */
    public AddressPolicy(Collection<String> allowList) {
        this.allowed = allowList == null ? Set.of() : allowList.stream().map(AddressPolicy::normalized)
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The addresses of {@code host}, every one of them checked; the first refused one ends the lookup.
     * A host named in the allow-list is not checked.
     */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String name = normalized(host);
        InetAddress[] addresses = InetAddress.getAllByName(name);
        if (allowed.contains(name)) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            if (!allowed.contains(normalized(address.getHostAddress())) && isInternal(address)) {
                throw new RefusedAddressException("'" + host + "' resolves to " + address.getHostAddress()
                        + ", an internal address (loopback, private, link-local, multicast or reserved)");
            }
        }
        return addresses;
    }

    /** Loopback, private, link-local, multicast, unspecified or reserved: nothing a public URL should point at. */
    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return isInternalIpv4(b);
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xFF;
            if ((first & 0xFE) == 0xFC) { // fc00::/7 unique local (fd00:ec2::254 is AWS metadata)
                return true;
            }
            if (isEmbeddingIpv4(b)) { // ::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d (NAT64)
                return isInternalIpv4(new byte[] {b[12], b[13], b[14], b[15]});
            }
            if (first == 0x20 && (b[1] & 0xFF) == 0x02) { // 2002::/16, 6to4 with the IPv4 inside
                return isInternalIpv4(new byte[] {b[2], b[3], b[4], b[5]});
            }
        }
        return false;
    }

    private static boolean isInternalIpv4(byte[] b) {
        int o0 = b[0] & 0xFF;
        int o1 = b[1] & 0xFF;
        return o0 == 0 || o0 == 10 || o0 == 127 || o0 >= 224 // this network, private, loopback, multicast, reserved
                || (o0 == 169 && o1 == 254) // link-local, cloud metadata
                || (o0 == 172 && o1 >= 16 && o1 <= 31) || (o0 == 192 && o1 == 168)
                || (o0 == 100 && o1 >= 64 && o1 <= 127) // carrier-grade NAT (100.100.100.200 is a metadata address)
                || (o0 == 192 && o1 == 0 && (b[2] & 0xFF) == 0) // IETF protocol assignments
                || (o0 == 198 && (o1 == 18 || o1 == 19)) // benchmarking
                || (o0 == 168 && o1 == 63 && (b[2] & 0xFF) == 129 && (b[3] & 0xFF) == 16); // Azure's host address
    }

    private static boolean isEmbeddingIpv4(byte[] b) {
        boolean zeros = true;
        for (int i = 0; i < 10; i++) {
            zeros &= b[i] == 0;
        }
        boolean mappedOrCompatible = zeros && ((b[10] == 0 && b[11] == 0) || ((b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF));
        boolean nat64 = (b[0] & 0xFF) == 0x00 && (b[1] & 0xFF) == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B;
        return mappedOrCompatible || nat64;
    }

    private static String normalized(String host) {
        String h = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.contains(":")) { // an IPv6 literal: one spelling for ::1 and 0:0:0:0:0:0:0:1
            try {
                return InetAddress.getByName(h).getHostAddress();
            } catch (UnknownHostException e) {
                return h;
            }
        }
        return h;
    }
}
