package dev.backtrack.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class LocalPortsTest {
    @Test
    void portsAreFreeAndBelowTheEphemeralRange() throws Exception {
        for (int i = 0; i < 50; i++) {
            int port = LocalPorts.free();
            assertThat(port).isBetween(LocalPorts.LOWEST, LocalPorts.BELOW_EPHEMERAL - 1);
            try (ServerSocket server = new ServerSocket()) {
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                // held by a listener now: the next choice is another port
                assertThat(LocalPorts.free()).isNotEqualTo(port);
            }
        }
    }
}
