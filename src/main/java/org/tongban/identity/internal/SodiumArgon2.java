package org.tongban.identity.internal;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Argon2id from libsodium ({@code crypto_pwhash_argon2id_str} and {@code crypto_pwhash_argon2id_str_verify}), called
 * through the JDK's foreign function API.
 *
 * <p>Why: libsodium's Argon2 uses the CPU's vector instructions and needs about half the time of BouncyCastle's Java
 * implementation for the same parameters (≈ 10 ms against ≈ 20–24 ms for 7 MiB × 5 on the benchmark machine, see
 * {@code bench/README.md}). A password check is most of a sign-in's cost, so this halves the CPU a sign-in takes
 * without weakening the parameters. Both write and read the same PHC strings
 * ({@code $argon2id$v=19$m=…,t=…,p=…$salt$tag}, RFC 9106 parameters), so stored hashes do not depend on which one made
 * them.
 *
 * <p>The platform's release level is Java 21, where the foreign function API is still a preview; it is final from
 * Java 22 on. The API is therefore reached by reflection, only on a JDK of 22 or later. On an older JDK, or where
 * libsodium is not installed (Debian and Ubuntu: package {@code libsodium23}), {@link #load} answers why and the
 * platform uses BouncyCastle.
 */
final class SodiumArgon2 {

    /** {@code crypto_pwhash_argon2id_STRBYTES}: the size of the buffer libsodium writes a PHC string into. */
    private static final int STRING_BYTES = 128;

    /**
     * A hash BouncyCastle made of {@code "tongban"} with a 16-byte salt of zeros, m = 8 KiB, t = 1, p = 1: checked
     * once when the library is loaded, so that a library that answers anything but the right result is not used.
     */
    private static final String SELF_TEST = "$argon2id$v=19$m=8,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$"
            + "xxDFbwnDznsodQuoz+aYS77Ugs0pEX1F2IWMR6dh51Y";

    private final String library;
    private final MethodHandle hashString;
    private final MethodHandle verifyString;
    private final Method ofConfined;
    private final Method allocate;
    private final Method ofArray;
    private final Method copyFrom;
    private final Method fill;
    private final Method toArray;
    private final Object javaByte;

    private SodiumArgon2(String library, MethodHandle hashString, MethodHandle verifyString, Method ofConfined,
            Method allocate, Method ofArray, Method copyFrom, Method fill, Method toArray, Object javaByte) {
        this.library = library;
        this.hashString = hashString;
        this.verifyString = verifyString;
        this.ofConfined = ofConfined;
        this.allocate = allocate;
        this.ofArray = ofArray;
        this.copyFrom = copyFrom;
        this.fill = fill;
        this.toArray = toArray;
        this.javaByte = javaByte;
    }

    /** What {@link #load} found: the binding, or why there is none. */
    record Loaded(Optional<SodiumArgon2> binding, String reason) {
    }

    /**
     * Binds libsodium.
     *
     * @param library a library name or path as {@code dlopen} takes it; blank: the usual names of libsodium
     */
    static Loaded load(String library) {
        if (Runtime.version().feature() < 22) {
            return new Loaded(Optional.empty(), "the foreign function API needs Java 22 or later (this is Java "
                    + Runtime.version().feature() + ")");
        }
        List<String> names = new ArrayList<>();
        if (library != null && !library.isBlank()) {
            names.add(library.strip());
        } else {
            names.addAll(List.of("libsodium.so.23", "libsodium.so.26", "libsodium.so",
                    System.mapLibraryName("sodium")));
        }
        List<String> failures = new ArrayList<>();
        for (String name : names) {
            try {
                SodiumArgon2 binding = bind(name);
                if (!binding.verify(SELF_TEST, "tongban".getBytes(StandardCharsets.UTF_8))
                        || binding.verify(SELF_TEST, "Tongban".getBytes(StandardCharsets.UTF_8))) {
                    failures.add(name + ": wrong answer to the self-test");
                    continue;
                }
                return new Loaded(Optional.of(binding), name);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                Throwable cause = e instanceof InvocationTargetException target && target.getCause() != null
                        ? target.getCause() : e;
                failures.add(name + ": " + cause.getMessage());
            }
        }
        return new Loaded(Optional.empty(), String.join("; ", failures));
    }

    private static SodiumArgon2 bind(String name) throws ReflectiveOperationException {
        Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
        Class<?> arenaType = Class.forName("java.lang.foreign.Arena");
        Class<?> lookupType = Class.forName("java.lang.foreign.SymbolLookup");
        Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
        Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
        Class<?> valueLayoutType = Class.forName("java.lang.foreign.ValueLayout");
        Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
        Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");

        Object linker = linkerType.getMethod("nativeLinker").invoke(null);
        Object global = arenaType.getMethod("global").invoke(null);
        Object lookup = lookupType.getMethod("libraryLookup", String.class, arenaType).invoke(null, name, global);
        Method find = lookupType.getMethod("find", String.class);
        Object javaInt = valueLayoutType.getField("JAVA_INT").get(null);
        Object javaLong = valueLayoutType.getField("JAVA_LONG").get(null);
        Object address = valueLayoutType.getField("ADDRESS").get(null);
        Method descriptor = descriptorType.getMethod("of", layoutType, layoutType.arrayType());
        Method downcall = linkerType.getMethod("downcallHandle", segmentType, descriptorType, optionType.arrayType());
        Object noOptions = java.lang.reflect.Array.newInstance(optionType, 0);

        // int sodium_init(void): 0 done now, 1 done before, -1 failed.
        Object init = symbol(find, lookup, "sodium_init");
        var initHandle = (MethodHandle) downcall.invoke(linker, init,
                descriptor.invoke(null, javaInt, layouts(layoutType)), noOptions);
        int initialized;
        try {
            initialized = (int) initHandle.invokeWithArguments();
        } catch (Throwable e) {
            throw new IllegalStateException("sodium_init failed", e);
        }
        if (initialized < 0) {
            throw new IllegalStateException("sodium_init answered " + initialized);
        }
        // int crypto_pwhash_argon2id_str(char out[128], const char *passwd, unsigned long long passwdlen,
        //         unsigned long long opslimit, size_t memlimit)
        var hashString = (MethodHandle) downcall.invoke(linker, symbol(find, lookup, "crypto_pwhash_argon2id_str"),
                descriptor.invoke(null, javaInt, layouts(layoutType, address, address, javaLong, javaLong, javaLong)),
                noOptions);
        // int crypto_pwhash_argon2id_str_verify(const char *str, const char *passwd, unsigned long long passwdlen)
        var verifyString = (MethodHandle) downcall.invoke(linker,
                symbol(find, lookup, "crypto_pwhash_argon2id_str_verify"),
                descriptor.invoke(null, javaInt, layouts(layoutType, address, address, javaLong)), noOptions);
        Class<?> ofByteType = Class.forName("java.lang.foreign.ValueLayout$OfByte");
        return new SodiumArgon2(name, hashString, verifyString, arenaType.getMethod("ofConfined"),
                arenaType.getMethod("allocate", long.class), segmentType.getMethod("ofArray", byte[].class),
                segmentType.getMethod("copyFrom", segmentType), segmentType.getMethod("fill", byte.class),
                segmentType.getMethod("toArray", ofByteType), valueLayoutType.getField("JAVA_BYTE").get(null));
    }

    private static Object layouts(Class<?> layoutType, Object... layouts) {
        Object array = java.lang.reflect.Array.newInstance(layoutType, layouts.length);
        for (int i = 0; i < layouts.length; i++) {
            java.lang.reflect.Array.set(array, i, layouts[i]);
        }
        return array;
    }

    private static Object symbol(Method find, Object lookup, String name) throws ReflectiveOperationException {
        return ((Optional<?>) find.invoke(lookup, name))
                .orElseThrow(() -> new IllegalStateException("no symbol " + name));
    }

    /** The library name or path that was loaded. */
    String library() {
        return library;
    }

    /**
     * A new PHC string for this password: a random 16-byte salt from libsodium's generator, a 32-byte tag, one lane.
     */
    String hash(byte[] password, int memoryKib, int iterations) {
        try (var arena = (AutoCloseable) ofConfined.invoke(null)) {
            Object out = allocate.invoke(arena, (long) STRING_BYTES);
            Object secret = copyIn(arena, password, 0);
            try {
                int result = (int) hashString.invokeWithArguments(out, secret, (long) password.length,
                        (long) iterations, (long) memoryKib * 1024);
                if (result != 0) {
                    throw new IllegalStateException("crypto_pwhash_argon2id_str failed (out of memory?)");
                }
            } finally {
                fill.invoke(secret, (byte) 0);
            }
            byte[] bytes = (byte[]) toArray.invoke(out, javaByte);
            int end = 0;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            return new String(bytes, 0, end, StandardCharsets.US_ASCII);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("libsodium's Argon2id failed", e);
        }
    }

    /**
     * Whether the password matches the PHC string. libsodium compares the tags in constant time; a malformed string
     * or parameters it does not accept also answer {@code false}.
     */
    boolean verify(String phc, byte[] password) {
        byte[] text = phc.getBytes(StandardCharsets.US_ASCII);
        try (var arena = (AutoCloseable) ofConfined.invoke(null)) {
            // The C string needs its terminating NUL: one byte more, zeroed by the allocation.
            Object string = copyIn(arena, text, 1);
            Object secret = copyIn(arena, password, 0);
            try {
                return (int) verifyString.invokeWithArguments(string, secret, (long) password.length) == 0;
            } finally {
                fill.invoke(secret, (byte) 0);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("libsodium's Argon2id failed", e);
        }
    }

    private Object copyIn(Object arena, byte[] bytes, int extra) throws ReflectiveOperationException {
        // Zero bytes would be an empty segment, which libsodium may not be given as a password pointer.
        Object segment = allocate.invoke(arena, (long) Math.max(1, bytes.length + extra));
        if (bytes.length > 0) {
            copyFrom.invoke(segment, ofArray.invoke(null, (Object) bytes));
        }
        return segment;
    }
}
