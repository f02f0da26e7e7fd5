package io.scaffold.notifications.service;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookDestinationsTest {

    private static boolean isPublic(String address) throws Exception {
        return WebhookDestinations.isPublic(InetAddress.getByName(address));
    }

    @Test
    void privateLoopbackLinkLocalAndReservedAddressesAreNotPublic() throws Exception {
        for (String address : new String[] {"127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1", "192.0.0.8", "::1", "::",
                "fe80::1", "fc00::1", "fd12:3456::1", "::ffff:10.0.0.1", "64:ff9b::a00:1", "::127.0.0.1"}) {
            assertThat(isPublic(address)).as(address).isFalse();
        }
    }

    @Test
    void publicAddressesArePublic() throws Exception {
        for (String address : new String[] {"8.8.8.8", "1.1.1.1", "100.128.0.1", "172.32.0.1", "2001:4860::8888",
                "64:ff9b::808:808"}) {
            assertThat(isPublic(address)).as(address).isTrue();
        }
    }
}
