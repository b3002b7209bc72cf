package dev.backtrack.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for servers this process starts. A port the OS hands out for {@code bind(0)} comes from its
 * ephemeral range, the range outgoing connections take their local ports from: between the choice and the child
 * server's bind (seconds, while it starts), a connection (the child's own to its controller, for one) can take it,
 * and the server fails with "Address already in use". So the port is chosen below every OS's ephemeral range
 * (Linux 32768+, Windows and macOS 49152+), where only listeners can hold it, and checked free.
 */
public final class LocalPorts {
    static final int LOWEST = 20_000;
    static final int BELOW_EPHEMERAL = 32_768;
    private static final int ATTEMPTS = 200;

    private LocalPorts() {
    }

    public static int free() throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, BELOW_EPHEMERAL);
            if (isFree(port)) {
                return port;
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Whether a server could bind this loopback port now. */
    public static boolean isFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
