package dev.backtrack.profile;

import dev.backtrack.BacktrackException;
import java.util.ArrayList;
import java.util.List;

/** One "host:port" of a bootstrap list ("[::1]:9092" for IPv6 literals). */
public record BootstrapAddress(String host, int port) {
    public static List<BootstrapAddress> parseList(String bootstrapServers) {
        List<BootstrapAddress> out = new ArrayList<>();
        for (String part : bootstrapServers.split(",")) {
            String entry = part.trim();
            if (!entry.isEmpty()) {
                out.add(parse(entry));
            }
        }
        if (out.isEmpty()) {
            throw new BacktrackException("no bootstrap servers given");
        }
        return out;
    }

    public static BootstrapAddress parse(String entry) {
        int colon = entry.lastIndexOf(':');
        if (colon <= 0 || colon == entry.length() - 1) {
            throw new BacktrackException("bootstrap server '" + entry + "' must be host:port");
        }
        String host = entry.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(entry.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return new BootstrapAddress(host, port);
        } catch (NumberFormatException e) {
            throw new BacktrackException("bootstrap server '" + entry + "' has an invalid port");
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
