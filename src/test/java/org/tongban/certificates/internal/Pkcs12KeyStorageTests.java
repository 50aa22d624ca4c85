package org.tongban.certificates.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Pkcs12KeyStorageTests {

    private static final char[] PASSWORD = "only-for-this-test".toCharArray();

    private static X509Certificate selfSigned(KeyPair pair, String name) {
        Instant now = Instant.now();
        return Sm2.certificate(name, null, pair.getPublic(), null, pair.getPrivate(), true,
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(10)));
    }

    @Test
    void keepsSm2KeysWithTheirChainSoThatAnotherInstanceSignsWithThem(@TempDir Path directory) {
        Path file = directory.resolve("keys/signing-keys.p12");
        KeyPair root = Sm2.newKeyPair();
        X509Certificate rootCertificate = selfSigned(root, "测试根");
        KeyPair body = Sm2.newKeyPair();
        Instant now = Instant.now();
        X509Certificate bodyCertificate = Sm2.certificate("测试机关", "11210112MB0000000X", body.getPublic(),
                rootCertificate, root.getPrivate(), false, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(5)));

        new Pkcs12KeyStorage(file, PASSWORD).keep("k1", body.getPrivate(),
                new X509Certificate[] { bodyCertificate, rootCertificate });

        assertThat(file).exists();
        Pkcs12KeyStorage reopened = new Pkcs12KeyStorage(file, PASSWORD);
        var key = reopened.find("k1").orElseThrow();
        byte[] data = "证照数据".getBytes(StandardCharsets.UTF_8);
        assertThat(Sm2.verify(bodyCertificate.getPublicKey(), data, Sm2.sign(key, data))).isTrue();
        assertThat(reopened.chain("k1")).containsExactly(bodyCertificate, rootCertificate);
        assertThat(reopened.find("unknown")).isEmpty();
    }

    @Test
    void concurrentFirstUseFromManyThreadsLosesNoKeyAndLeavesNoTemporaryFile(@TempDir Path directory)
            throws Exception {
        Path file = directory.resolve("signing-keys.p12");
        Pkcs12KeyStorage storage = new Pkcs12KeyStorage(file, PASSWORD);
        int threads = 12;
        List<KeyPair> pairs = new ArrayList<>();
        List<X509Certificate> certificates = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            KeyPair pair = Sm2.newKeyPair();
            pairs.add(pair);
            certificates.add(selfSigned(pair, "机关" + i));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    start.await();
                    storage.keep("key-" + n, pairs.get(n).getPrivate(), new X509Certificate[] { certificates.get(n) });
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        Pkcs12KeyStorage reopened = new Pkcs12KeyStorage(file, PASSWORD);
        for (int i = 0; i < threads; i++) {
            assertThat(reopened.find("key-" + i)).as("key-" + i).get()
                    .extracting(k -> k.getEncoded()).isEqualTo(pairs.get(i).getPrivate().getEncoded());
        }
        try (var files = Files.list(directory)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("signing-keys.p12");
        }
    }

    @Test
    void aWrongPasswordIsExplainedAndNeverOverwritesTheFile(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("signing-keys.p12");
        KeyPair pair = Sm2.newKeyPair();
        new Pkcs12KeyStorage(file, PASSWORD).keep("k", pair.getPrivate(),
                new X509Certificate[] { selfSigned(pair, "机关") });
        byte[] before = Files.readAllBytes(file);

        Pkcs12KeyStorage wrong = new Pkcs12KeyStorage(file, "not-the-password".toCharArray());
        assertThatThrownBy(() -> wrong.find("k")).hasMessageContaining("key-store-password");
        assertThatThrownBy(() -> wrong.keep("other", pair.getPrivate(),
                new X509Certificate[] { selfSigned(pair, "机关") })).hasMessageContaining("key-store-password");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }
}
