package dev.backtrack.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal Confluent-compatible registry ({@code GET /schemas/ids/{id}}, 404/40403 otherwise) on loopback, so
 * the fuzz tests decode through the real {@code SchemaRegistryClient} without waiting for Apicurio.
 */
final class StubRegistry implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final Map<Integer, ObjectNode> schemas = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    StubRegistry() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@code type} is AVRO, PROTOBUF or JSON (Avro without schemaType, as Apicurio answers). */
    void put(int id, String type, String schema) {
        ObjectNode body = JSON.createObjectNode().put("schema", schema);
        if (!type.equals("AVRO")) {
            body.put("schemaType", type);
        }
        schemas.put(id, body);
    }

    long requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        ObjectNode body = null;
        if (path.startsWith("/schemas/ids/")) {
            try {
                body = schemas.get(Integer.parseInt(path.substring("/schemas/ids/".length())));
            } catch (NumberFormatException e) {
                body = null;
            }
        }
        byte[] bytes = (body != null ? body.toString() : "{\"error_code\":40403,\"message\":\"Schema not found\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(body != null ? 200 : 404, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
