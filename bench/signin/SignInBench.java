import java.net.URI;
import java.net.URLEncoder;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password sign-in under N concurrent users against a running Tongban (bench/signin.sh starts one when needed).
 *
 * Each user is its own account (registered at the start, or reused from an earlier run) and its own browser: it
 * loads /signin (new session and CSRF token), posts the password form and expects the redirect to /account, then
 * forgets its cookies and starts over after an optional think time. Only the POST is timed: that is the sign-in
 * (password hash check, lockout and throttle queries, sign-in log, session write).
 *
 * Same-run references, measured right after the sign-in phase in the same JVM and on the same machine:
 *   - hash: the app's password check alone (Spring Security's Argon2PasswordEncoder or BCryptPasswordEncoder with
 *     the app's parameters, or libsodium's Argon2id when the app computes it with libsodium), by N threads at once,
 *     then by 1 thread;
 *   - health: GET /actuator/health by N concurrent users (the server's floor for a trivial request).
 *
 * Arguments (name=value): base=http://localhost:8080 users=16 duration=60 warmup=15 think=0 prefix=1377
 *   client=socket (a plain keep-alive HTTP/1.1 connection per user, the default) or client=jdk (the JDK's HttpClient,
 *   the harness until 25 Nov 16:30) for the sign-ins and the health reference
 *   hash=argon2id:7168:5 (memory KiB, iterations; BouncyCastle), hash=argon2id-sodium:7168:5 (libsodium) or
 *   hash=bcrypt:10 (cost): what the app uses
 */
public class SignInBench {

    static final String PASSWORD = "Bench#Signin2026";

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>(Map.of("base", "http://localhost:8080", "users", "16",
                "duration", "60", "warmup", "15", "think", "0", "hash", "argon2id:7168:5", "prefix", "1377",
                "client", "socket"));
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            options.put(kv[0], kv[1]);
        }
        String base = options.get("base");
        int users = Integer.parseInt(options.get("users"));
        int duration = Integer.parseInt(options.get("duration"));
        int warmup = Integer.parseInt(options.get("warmup"));
        int think = Integer.parseInt(options.get("think"));
        String hash = options.get("hash");
        String prefix = options.get("prefix");

        List<String> phones = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String phone = prefix + "%07d".formatted(i);
            register(base, phone, i, prefix);
            phones.add(phone);
        }
        System.out.printf("users=%d duration=%ds warmup=%ds think=%dms hash=%s base=%s client=%s%n", users, duration,
                warmup, think, hash, base, options.get("client"));
        System.out.println();
        System.out.println("| Measurement | n | errors | throughput /s | p50 ms | p95 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        boolean sockets = options.get("client").equals("socket");
        if (!sockets && !options.get("client").equals("jdk")) {
            throw new IllegalArgumentException("client=socket or client=jdk");
        }
        URI target = URI.create(base);
        Result signIn = run(users, warmup, duration, think, i -> sockets
                ? signInOverSocket(target, phones.get(i)) : signInOnce(base, phones.get(i)));
        signIn.print("password sign-in POST, " + users + " users, think " + think + " ms");
        Result health = run(users, 3, Math.max(10, duration / 3), 0, i -> timed(() -> sockets
                ? healthOverSocket(target) : get(base + "/actuator/health")));
        health.print("GET /actuator/health, " + users + " users");
        Result hashParallel = hashChecks(hash, users, Math.max(10, duration / 3));
        hashParallel.print("password check alone (" + hash + "), " + users + " threads");
        Result hashSingle = hashChecks(hash, 1, 10);
        hashSingle.print("password check alone (" + hash + "), 1 thread");
        System.out.printf("%nRESULT signin_p95_ms=%.1f health_p95_ms=%.1f hash1_p50_ms=%.1f hash%d_p95_ms=%.1f "
                + "signin_errors=%d%n", signIn.percentile(95), health.percentile(95), hashSingle.percentile(50), users,
                hashParallel.percentile(95), signIn.errors);
    }

    interface Step {
        long run(int user) throws Exception;
    }

    record Result(List<Long> nanos, long errors, double seconds) {
        double percentile(double p) {
            if (nanos.isEmpty()) {
                return Double.NaN;
            }
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
        }

        void print(String name) {
            System.out.printf("| %s | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f |%n", name, nanos.size(), errors,
                    nanos.size() / seconds, percentile(50), percentile(95), percentile(99), percentile(100));
        }
    }

    /** N users in a closed loop: warm-up (not recorded), then the measured window. */
    static Result run(int users, int warmupSeconds, int seconds, int thinkMillis, Step step) throws Exception {
        ConcurrentLinkedQueue<Long> samples = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long recordFrom = start + warmupSeconds * 1_000_000_000L;
        long end = recordFrom + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(users);
        for (int u = 0; u < users; u++) {
            int user = u;
            Thread.ofPlatform().start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        long began = System.nanoTime();
                        try {
                            long took = step.run(user);
                            if (began >= recordFrom) {
                                samples.add(took);
                            }
                        } catch (Exception e) {
                            if (began >= recordFrom) {
                                errors.incrementAndGet();
                            }
                        }
                        if (thinkMillis > 0) {
                            Thread.sleep(ThreadLocalRandom.current().nextInt(thinkMillis / 2, thinkMillis * 3 / 2 + 1));
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        return new Result(new ArrayList<>(samples), errors.get(), seconds);
    }

    /** The app's encoder as Tongban builds it (SecurityConfiguration): 16-byte salt, 32-byte tag, one lane. */
    static PasswordEncoder encoder(String spec) {
        String[] parts = spec.split(":");
        return switch (parts[0]) {
            case "argon2id" -> new Argon2PasswordEncoder(16, 32, 1, Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
            case "argon2id-sodium" -> new Sodium(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
            case "bcrypt" -> new BCryptPasswordEncoder(Integer.parseInt(parts[1]));
            default -> throw new IllegalArgumentException("hash=argon2id:<KiB>:<iterations>, "
                    + "hash=argon2id-sodium:<KiB>:<iterations> or hash=bcrypt:<cost>");
        };
    }

    /**
     * libsodium's Argon2id as Tongban calls it when it is installed (SodiumArgon2): crypto_pwhash_argon2id_str and
     * crypto_pwhash_argon2id_str_verify, here through the foreign function API directly.
     */
    static final class Sodium implements PasswordEncoder {
        private final int memoryKib;
        private final int iterations;
        private final MethodHandle hash;
        private final MethodHandle verify;

        Sodium(int memoryKib, int iterations) {
            this.memoryKib = memoryKib;
            this.iterations = iterations;
            Linker linker = Linker.nativeLinker();
            SymbolLookup library = SymbolLookup.libraryLookup(System.getProperty("sodium", "libsodium.so.23"),
                    Arena.global());
            hash = linker.downcallHandle(library.find("crypto_pwhash_argon2id_str").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
            verify = linker.downcallHandle(library.find("crypto_pwhash_argon2id_str_verify").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                            ValueLayout.JAVA_LONG));
            // As the platform does: sodium_init picks the fastest Argon2 code for this CPU (vector instructions).
            try {
                int initialized = (int) linker.downcallHandle(library.find("sodium_init").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT)).invokeExact();
                if (initialized < 0) {
                    throw new IllegalStateException("sodium_init failed");
                }
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String encode(CharSequence rawPassword) {
            byte[] password = rawPassword.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment out = arena.allocate(128);
                if ((int) hash.invokeExact(out, arena.allocateFrom(ValueLayout.JAVA_BYTE, password),
                        (long) password.length, (long) iterations, (long) memoryKib * 1024) != 0) {
                    throw new IllegalStateException("crypto_pwhash_argon2id_str failed");
                }
                return out.getString(0);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            byte[] password = rawPassword.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            try (Arena arena = Arena.ofConfined()) {
                return (int) verify.invokeExact(arena.allocateFrom(encodedPassword),
                        arena.allocateFrom(ValueLayout.JAVA_BYTE, password), (long) password.length) == 0;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static Result hashChecks(String spec, int threads, int seconds) throws Exception {
        PasswordEncoder encoder = encoder(spec);
        String hash = encoder.encode(PASSWORD);
        return run(threads, 2, seconds, 0, i -> timed(() -> {
            if (!encoder.matches(PASSWORD, hash)) {
                throw new IllegalStateException("password check mismatch");
            }
            return null;
        }));
    }

    interface Call {
        Object call() throws Exception;
    }

    static long timed(Call call) throws Exception {
        long began = System.nanoTime();
        call.call();
        return System.nanoTime() - began;
    }

    static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern SESSION = Pattern.compile("SESSION=([^;]+)");

    /** One sign-in as a fresh browser; returns the POST's time. */
    static long signInOnce(String base, String phone) throws Exception {
        HttpResponse<String> form = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/signin")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String session = cookie(form);
        Matcher token = CSRF.matcher(form.body());
        if (session == null || !token.find()) {
            throw new IllegalStateException("no session or CSRF token on /signin");
        }
        HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "SESSION=" + session)
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("identifier", phone, "password", PASSWORD,
                        "_csrf", token.group(1)))))
                .build();
        long began = System.nanoTime();
        HttpResponse<Void> answer = CLIENT.send(post, HttpResponse.BodyHandlers.discarding());
        long took = System.nanoTime() - began;
        String location = answer.headers().firstValue("Location").orElse("");
        if (answer.statusCode() != 302 || !location.endsWith("/account")) {
            throw new IllegalStateException("sign-in answered " + answer.statusCode() + " " + location);
        }
        return took;
    }

    /**
     * The same sign-in as {@link #signInOnce}, over a plain blocking HTTP/1.1 connection per user (kept alive, as a
     * browser keeps its connection): the JDK's HttpClient, with its selector thread and futures, costs the two cores the
     * harness shares with the platform noticeably more CPU per request.
     */
    static long signInOverSocket(URI base, String phone) throws Exception {
        Connection connection = Connection.of(base);
        try {
            Connection.Response form = connection.exchange("GET", "/signin", null, null);
            String session = form.cookie("SESSION");
            Matcher token = CSRF.matcher(form.body());
            if (form.status() != 200 || session == null || !token.find()) {
                throw new IllegalStateException("no session or CSRF token on /signin (" + form.status() + ")");
            }
            String body = form(Map.of("identifier", phone, "password", PASSWORD, "_csrf", token.group(1)));
            long began = System.nanoTime();
            Connection.Response answer = connection.exchange("POST", "/signin", "SESSION=" + session, body);
            long took = System.nanoTime() - began;
            String location = answer.header("location");
            if (answer.status() != 302 || location == null || !location.endsWith("/account")) {
                throw new IllegalStateException("sign-in answered " + answer.status() + " " + location);
            }
            return took;
        } catch (Exception e) {
            Connection.drop();
            throw e;
        }
    }

    static Object healthOverSocket(URI base) throws Exception {
        try {
            Connection.Response answer = Connection.of(base).exchange("GET", "/actuator/health", null, null);
            if (answer.status() != 200) {
                throw new IllegalStateException("/actuator/health answered " + answer.status());
            }
            return null;
        } catch (Exception e) {
            Connection.drop();
            throw e;
        }
    }

    /** One keep-alive HTTP/1.1 connection per thread: requests written by hand, answers read by length or chunks. */
    static final class Connection {
        private static final ThreadLocal<Connection> OPEN = new ThreadLocal<>();
        private final java.net.Socket socket;
        private final java.io.BufferedInputStream in;
        private final java.io.OutputStream out;
        private final String host;

        record Response(int status, Map<String, List<String>> headers, String body) {
            String header(String name) {
                List<String> values = headers.get(name);
                return values == null ? null : values.getFirst();
            }

            String cookie(String name) {
                for (String value : headers.getOrDefault("set-cookie", List.of())) {
                    if (value.startsWith(name + "=")) {
                        return value.substring(name.length() + 1, value.contains(";") ? value.indexOf(';')
                                : value.length());
                    }
                }
                return null;
            }
        }

        private Connection(URI base) throws java.io.IOException {
            socket = new java.net.Socket(base.getHost(), base.getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            in = new java.io.BufferedInputStream(socket.getInputStream(), 16_384);
            out = new java.io.BufferedOutputStream(socket.getOutputStream(), 8_192);
            host = base.getHost() + ":" + base.getPort();
        }

        static Connection of(URI base) throws java.io.IOException {
            Connection open = OPEN.get();
            if (open == null) {
                open = new Connection(base);
                OPEN.set(open);
            }
            return open;
        }

        static void drop() {
            Connection open = OPEN.get();
            OPEN.remove();
            if (open != null) {
                try {
                    open.socket.close();
                } catch (java.io.IOException ignored) {
                    // closing anyway
                }
            }
        }

        Response exchange(String method, String path, String cookie, String formBody) throws java.io.IOException {
            byte[] body = formBody == null ? new byte[0] : formBody.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                    .append(host).append("\r\nAccept: text/html,*/*;q=0.8\r\n");
            if (cookie != null) {
                head.append("Cookie: ").append(cookie).append("\r\n");
            }
            if (formBody != null) {
                head.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ")
                        .append(body.length).append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            String status = line();
            if (status == null) {
                throw new java.io.EOFException("connection closed by the server");
            }
            int code = Integer.parseInt(status.split(" ")[1]);
            Map<String, List<String>> headers = new java.util.HashMap<>();
            for (String line = line(); line != null && !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT),
                        k -> new ArrayList<>()).add(line.substring(colon + 1).strip());
            }
            java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
            List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
            if (encoding.stream().anyMatch(v -> v.equalsIgnoreCase("chunked"))) {
                for (int size = Integer.parseInt(line().split(";")[0].strip(), 16); size > 0;
                        size = Integer.parseInt(line().split(";")[0].strip(), 16)) {
                    content.write(in.readNBytes(size));
                    line(); // the chunk's CRLF
                }
                for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                    // trailers: none expected
                }
            } else if (headers.containsKey("content-length")) {
                content.write(in.readNBytes(Integer.parseInt(headers.get("content-length").getFirst())));
            }
            if (headers.getOrDefault("connection", List.of()).stream().anyMatch(v -> v.equalsIgnoreCase("close"))) {
                drop();
            }
            return new Response(code, headers, content.toString(StandardCharsets.UTF_8));
        }

        private String line() throws java.io.IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != -1; b = in.read()) {
                if (b == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                line.append((char) b);
            }
            return line.isEmpty() ? null : line.toString();
        }
    }

    static Object get(String url) throws Exception {
        HttpResponse<Void> answer = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + answer.statusCode());
        }
        return null;
    }

    /** Registers the bench account for this phone, unless an earlier run did. */
    static void register(String base, String phone, int i, String prefix) throws Exception {
        HttpResponse<String> form = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/register")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = CSRF.matcher(form.body());
        if (!token.find()) {
            throw new IllegalStateException("no CSRF token on /register: is Tongban running at " + base + "?");
        }
        String id = idNumber("210112" + "1990" + "%02d".formatted(1 + i % 12) + "%02d".formatted(1 + i / 12 % 28)
                + prefix.substring(1, 4));
        HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/register"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "SESSION=" + cookie(form))
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("name", "压测用户" + i, "idType", "RESIDENT_ID",
                        "idNumber", id, "phone", phone, "password", PASSWORD, "passwordAgain", PASSWORD,
                        "_csrf", token.group(1)))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 302 && !answer.body().contains("已注册")) {
            throw new IllegalStateException("registering " + phone + " answered " + answer.statusCode());
        }
    }

    /** GB 11643: 17 digits plus the ISO 7064 MOD 11-2 check character. */
    static String idNumber(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * ((1 << (17 - i)) % 11);
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    static String cookie(HttpResponse<?> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            Matcher m = SESSION.matcher(header);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
