package io.gigagate.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses a client's URL may point at (checked on IP literals only: no DNS traffic). */
class AddressPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "::1", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.0.1",
            "169.254.169.254", "fe80::1", "fc00::1", "fd00:ec2::254", "224.0.0.1", "ff02::1", "0.0.0.0", "::",
            "100.64.0.1", "100.100.100.200", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::", "255.255.255.255", "198.18.0.1", "168.63.129.16"})
    void internalAddressesAreRefused(String literal) throws Exception {
        assertThat(AddressPolicy.isInternal(InetAddress.getByName(literal))).isTrue();
        assertThatThrownBy(() -> new AddressPolicy(List.of()).resolve(literal))
                .isInstanceOf(AddressPolicy.RefusedAddressException.class)
                .hasMessageContaining("internal address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "93.184.216.34", "2606:4700:4700::1111", "172.32.0.1", "100.128.0.1"})
    void publicAddressesAreFetched(String literal) throws Exception {
        assertThat(AddressPolicy.isInternal(InetAddress.getByName(literal))).isFalse();
        assertThat(new AddressPolicy(List.of()).resolve(literal)).hasSize(1);
    }

    @Test
    void theAllowListNamesAddressesFetchedAllTheSame() throws Exception {
        AddressPolicy policy = new AddressPolicy(List.of("127.0.0.1", "[::1]"));

        assertThat(policy.resolve("127.0.0.1")).hasSize(1);
        assertThat(policy.resolve("0:0:0:0:0:0:0:1")).hasSize(1);
        assertThatThrownBy(() -> policy.resolve("127.0.0.2")).isInstanceOf(AddressPolicy.RefusedAddressException.class);
    }
}
