package dev.backtrack.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.testing.TestServers;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NetworkProbeTest {
    @Test
    void unresolvableHostAndClosedPortAreReportedWithinTheTimeout() {
        long start = System.nanoTime();
        ConnectionTestStep dns = NetworkProbe.check(BootstrapAddress.parse("no-such-host.invalid:9092"), Duration.ofSeconds(5));
        assertThat(dns.status()).isEqualTo(StepStatus.FAILED);
        assertThat(dns.message()).satisfiesAnyOf(
                m -> assertThat(m).isEqualTo("the host name 'no-such-host.invalid' does not resolve (DNS)"),
                m -> assertThat(m).isEqualTo("resolving 'no-such-host.invalid' took longer than 5 s"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

        int port = TestServers.freePort();
        ConnectionTestStep refused = NetworkProbe.check(BootstrapAddress.parse("127.0.0.1:" + port), Duration.ofSeconds(5));
        assertThat(refused.message()).isEqualTo("connection to 127.0.0.1:" + port + " refused (nothing listening on port " + port + ")");
    }

    @Test
    void bootstrapListsParseIpv6AndRejectGarbage() {
        assertThat(BootstrapAddress.parseList(" a:1, [::1]:9093 ,")).containsExactly(
                new BootstrapAddress("a", 1), new BootstrapAddress("::1", 9093));
        assertThat(new BootstrapAddress("::1", 9093).toString()).isEqualTo("[::1]:9093");
        assertThatThrownBy(() -> BootstrapAddress.parse("host")).hasMessage("bootstrap server 'host' must be host:port");
        assertThatThrownBy(() -> BootstrapAddress.parse("host:99999")).hasMessage("bootstrap server 'host:99999' has an invalid port");
    }
}
