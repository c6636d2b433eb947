package fi.laituri.webhooks;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A webhook endpoint on loopback, over http or https: records every request it gets and answers with the given
 * statuses in turn, repeating the last one.
 */
final class Receiver implements AutoCloseable {

    /** One request as it arrived. */
    record Request(Headers headers, byte[] body) {
        String header(String name) {
            return headers.getFirst(name);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final int[] statuses;
    private final String location;
    private final AtomicInteger calls = new AtomicInteger();
    private final CountDownLatch answer;
    private final String scheme;

    private Receiver(InetAddress address, int[] statuses, String location, CountDownLatch answer) throws IOException {
        this(HttpServer.create(new InetSocketAddress(address, 0), 0), "http", statuses, location, answer);
    }

    private Receiver(HttpServer server, String scheme, int[] statuses, String location, CountDownLatch answer) {
        this.statuses = statuses;
        this.location = location;
        this.answer = answer;
        this.scheme = scheme;
        this.server = server;
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            received.add(new Request(exchange.getRequestHeaders(), body));
            await(answer);
            int status = statuses[Math.min(calls.getAndIncrement(), statuses.length - 1)];
            if (location != null) {
                exchange.getResponseHeaders().add("Location", location);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    static Receiver answering(int... statuses) {
        return start(statuses, null, new CountDownLatch(0));
    }

    /** Answers every request with 307 Temporary Redirect, which keeps the method and body, to the URL. */
    static Receiver redirectingTo(String location) {
        return start(new int[]{307}, location, new CountDownLatch(0));
    }

    /** Records each request at once and answers 200 when the test opens {@code answer}: a receiver that takes its time. */
    static Receiver answeringWhenOpened(CountDownLatch answer) {
        return start(new int[]{200}, null, answer);
    }

    /** Answers 200 over https on 127.0.0.1, with the certificate of {@code tls}. */
    static Receiver answeringOverHttps(SSLContext tls) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            return new Receiver(server, "https", new int[]{200}, null, new CountDownLatch(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers 200 on the given loopback address (127.0.0.0/8). */
    static Receiver answeringOn(InetAddress loopback) {
        if (!loopback.isLoopbackAddress()) {
            throw new IllegalArgumentException("receivers listen on loopback only");
        }
        try {
            return new Receiver(loopback, new int[]{200}, null, new CountDownLatch(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Receiver start(int[] statuses, String location, CountDownLatch answer) {
        try {
            return new Receiver(InetAddress.getLoopbackAddress(), statuses, location, answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void await(CountDownLatch answer) {
        try {
            if (!answer.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the test did not let the receiver answer within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String url() {
        return urlAt(server.getAddress().getAddress().getHostAddress());
    }

    /** The receiver's URL with another host, which the test resolves to the receiver's address. */
    String urlAt(String host) {
        return scheme + "://" + host + ":" + server.getAddress().getPort() + "/hooks/laituri";
    }

    List<Request> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Waits up to ten seconds for the condition. */
    static void eventually(BooleanSupplier condition, Supplier<String> whatWasSeen) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s; saw " + whatWasSeen.get());
            }
            pause(Duration.ofMillis(20));
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
