package io.scaffold.notifications.service;

import io.scaffold.notifications.config.WebhooksConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Where a webhook may go: https to a public address. Loopback, private, link-local (cloud metadata among them),
 * carrier-grade NAT, multicast and reserved addresses are refused, whatever name leads to them, unless configuration
 * allows that host by name ({@code allowed-private-hosts}). Checked when an endpoint is registered and again before
 * each delivery, which then connects to the very address checked (a name that resolves differently a moment later
 * changes nothing).
 */
@ApplicationScoped
public class WebhookDestinations {
    private final List<String> allowedPrivateHosts;

    public WebhookDestinations(WebhooksConfig config) {
        this.allowedPrivateHosts = config.allowedPrivateHosts().orElse(List.of()).stream()
                .map(h -> h.toLowerCase(Locale.ROOT)).toList();
    }

    /** An address a delivery may connect to. */
    public record Destination(URI uri, String host, int port, boolean tls, InetAddress address) {
    }

    /** Why a URL is refused, in words an integration admin can act on. */
    public static class RefusedDestination extends Exception {
        public RefusedDestination(String message) {
            super(message);
        }
    }

    public Destination check(String url) throws RefusedDestination {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new RefusedDestination("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!uri.isAbsolute() || host == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new RefusedDestination("must be an absolute https URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedDestination("must not carry credentials (user:password@)");
        }
        if (uri.getRawFragment() != null) {
            throw new RefusedDestination("must not have a fragment (#...)");
        }
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean allowedPrivate = allowedPrivateHosts.contains(bareHost.toLowerCase(Locale.ROOT));
        if (scheme.equals("http") && !allowedPrivate) {
            throw new RefusedDestination("must use https");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bareHost);
        } catch (UnknownHostException e) {
            throw new RefusedDestination("names a host that does not resolve: " + bareHost);
        }
        if (!allowedPrivate) {
            for (InetAddress address : addresses) {
                if (!isPublic(address)) {
                    throw new RefusedDestination("resolves to a loopback, private, link-local or reserved address ("
                            + address.getHostAddress() + "), which webhooks may not reach");
                }
            }
        }
        boolean tls = scheme.equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        return new Destination(uri, bareHost, port, tls, addresses[0]);
    }

    /** Whether an address is on the public internet (not any of the ranges a server-side request must not reach). */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return !(first == 0 // "this network"
                    || first == 100 && second >= 64 && second < 128 // carrier-grade NAT
                    || first == 192 && second == 0 && (b[2] & 0xff) == 0 // IETF protocol assignments
                    || first == 198 && (second == 18 || second == 19) // benchmarking
                    || first >= 240); // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // unique local fc00::/7
            }
            if (first == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return false; // site-local fec0::/10 (deprecated)
            }
            if (embedsIpv4(b)) {
                try {
                    return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }

    /** IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) addresses. */
    private static boolean embedsIpv4(byte[] b) {
        boolean zeros = true;
        for (int i = 0; i < 10; i++) {
            zeros &= b[i] == 0;
        }
        boolean mapped = zeros && (b[10] == 0 && b[11] == 0 || (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff);
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b;
        return mapped || nat64;
    }
}
