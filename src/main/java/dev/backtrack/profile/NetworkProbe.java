package dev.backtrack.profile;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** DNS resolution and a TCP connect to one bootstrap address, each bounded in time. */
final class NetworkProbe {
    private static final ExecutorService RESOLVER = Executors.newVirtualThreadPerTaskExecutor();

    private NetworkProbe() {
    }

    static ConnectionTestStep check(BootstrapAddress address, Duration timeout) {
        String name = "DNS/TCP " + address;
        long start = System.nanoTime();
        InetAddress[] resolved;
        // the JDK resolver has no timeout of its own; a hung lookup is abandoned on its (virtual) thread
        Future<InetAddress[]> lookup = RESOLVER.submit(() -> InetAddress.getAllByName(address.host()));
        try {
            resolved = lookup.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            return ConnectionTestStep.failed(name, "resolving '" + address.host() + "' took longer than "
                    + timeout.toSeconds() + " s", start);
        } catch (ExecutionException e) {
            String reason = e.getCause() instanceof UnknownHostException
                    ? "the host name '" + address.host() + "' does not resolve (DNS)"
                    : "resolving '" + address.host() + "' failed: " + e.getCause().getMessage();
            return ConnectionTestStep.failed(name, reason, start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConnectionTestStep.failed(name, "interrupted", start);
        }
        IOException last = null;
        for (InetAddress ip : resolved) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(ip, address.port()), (int) timeout.toMillis());
                return ConnectionTestStep.ok(name, "resolved to " + ip.getHostAddress() + ", TCP connect succeeded", start);
            } catch (IOException e) {
                last = e;
            }
        }
        String reason = last instanceof SocketTimeoutException
                ? "no TCP answer from " + address + " within " + timeout.toSeconds() + " s (firewall or wrong address?)"
                : last instanceof ConnectException
                ? "connection to " + address + " refused (nothing listening on port " + address.port() + ")"
                : "cannot connect to " + address + ": " + (last == null ? "no address" : last.getMessage());
        return ConnectionTestStep.failed(name, reason, start);
    }
}
