package org.tongban.certificates.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagFactory;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilderProvider;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * Private keys in a PKCS#12 file (RFC 7292), built with BouncyCastle: each SM2 key a PKCS#8 shrouded key bag (PBES2:
 * PBKDF2-HMAC-SHA256, AES-256-CBC), named by its alias (friendlyName) and paired with its certificate (localKeyId);
 * the certificates — public anyway — in a plain bag; the whole file under an HMAC-SHA256 integrity MAC. OpenSSL 3
 * reads it ({@code openssl pkcs12 -info -in signing-keys.p12}).
 *
 * <p>A key is encrypted once, when it is kept; later writes carry its encrypted bag over unchanged, so adding a key
 * costs one key derivation and the MAC, however many keys the file holds. Writes are atomic: the whole store goes to a
 * temporary file in the same directory, forced to disk, then moved over the old file — a crash leaves the old or the
 * new store, never a torn one. One lock serializes every change in this JVM (issuing bodies getting their first key
 * at once). The file belongs to one node; several nodes use {@link DatabaseKeyStorage} (or, later, an HSM).
 */
public final class Pkcs12KeyStorage implements KeyStorage {

    /**
     * Iterations of the key derivation per key and for the MAC: the JDK's own PKCS#12 default (NIST SP 800-132 asks
     * for at least 1,000). The password is meant to be a long random secret, not something a person remembers.
     */
    static final int ITERATIONS = 10_000;

    private final Path file;
    private final char[] password;
    private final ReentrantLock lock = new ReentrantLock();
    // guarded by lock; null until the file was read
    private Map<String, PKCS12SafeBag> keyBags;
    private Map<String, X509CertificateHolder> certificates; // by hex of the encoding
    private Map<String, byte[]> keyCertificates; // alias -> encoding of the key's own certificate
    private final Map<String, PrivateKey> opened = new HashMap<>();

    public Pkcs12KeyStorage(Path file, char[] password) {
        this.file = file.toAbsolutePath().normalize();
        this.password = password.clone();
    }

    @Override
    public String kind() {
        return "pkcs12";
    }

    public Path file() {
        return file;
    }

    @Override
    public void keep(String alias, PrivateKey key, X509Certificate[] chain) {
        keepAll(Map.of(alias, new Entry(key, chain)));
    }

    @Override
    public void keepAll(Map<String, Entry> entries) {
        lock.lock();
        try {
            load();
            try {
                var encryptor = new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                        .setProvider(Sm2.BC).setIterationCount(ITERATIONS)
                        .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256)).build(password);
                for (var entry : entries.entrySet()) {
                    String alias = entry.getKey();
                    X509Certificate[] chain = entry.getValue().chain();
                    var bag = new JcaPKCS12SafeBagBuilder(entry.getValue().key(), encryptor);
                    bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(alias));
                    bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId(alias));
                    keyBags.put(alias, bag.build());
                    keyCertificates.remove(alias);
                    for (int i = 0; i < chain.length; i++) {
                        X509CertificateHolder holder = new X509CertificateHolder(chain[i].getEncoded());
                        certificates.putIfAbsent(hex(holder.getEncoded()), holder);
                        if (i == 0) {
                            keyCertificates.put(alias, holder.getEncoded());
                        }
                    }
                    opened.put(alias, entry.getValue().key());
                }
                write(build());
            } catch (GeneralSecurityException | IOException | OperatorCreationException | PKCSException
                    | RuntimeException e) {
                keyBags = null; // read the file again on next use, without what was not written
                opened.clear();
                throw new IllegalStateException("Cannot write the key store " + file, e);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<PrivateKey> find(String alias) {
        lock.lock();
        try {
            PrivateKey cached = opened.get(alias);
            if (cached != null) {
                return Optional.of(cached);
            }
            load();
            PKCS12SafeBag bag = keyBags.get(alias);
            if (bag == null) {
                return Optional.empty();
            }
            var decryptor = new JcePKCSPBEInputDecryptorProviderBuilder().setProvider(Sm2.BC).build(password);
            var info = ((PKCS8EncryptedPrivateKeyInfo) bag.getBagValue()).decryptPrivateKeyInfo(decryptor);
            PrivateKey key = new JcaPEMKeyConverter().setProvider(Sm2.BC).getPrivateKey(info);
            opened.put(alias, key);
            return Optional.of(key);
        } catch (PKCSException | IOException e) {
            throw new IllegalStateException("Cannot read key " + alias + " from " + file, e);
        } finally {
            lock.unlock();
        }
    }

    /** The certificate chain kept with an alias: its own certificate, then its issuers up to a self-signed one. */
    X509Certificate[] chain(String alias) {
        lock.lock();
        try {
            load();
            byte[] own = keyCertificates.get(alias);
            if (own == null) {
                return null;
            }
            List<X509Certificate> chain = new ArrayList<>();
            var converter = new JcaX509CertificateConverter().setProvider(Sm2.BC);
            X509CertificateHolder current = new X509CertificateHolder(own);
            chain.add(converter.getCertificate(current));
            while (!current.getIssuer().equals(current.getSubject()) && chain.size() < 10) {
                X509CertificateHolder child = current;
                current = certificates.values().stream().filter(c -> c.getSubject().equals(child.getIssuer()))
                        .findFirst().orElse(null);
                if (current == null) {
                    break;
                }
                chain.add(converter.getCertificate(current));
            }
            return chain.toArray(X509Certificate[]::new);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        } finally {
            lock.unlock();
        }
    }

    private static ASN1OctetString localKeyId(String alias) {
        return new DEROctetString(alias.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    private void load() {
        if (keyBags != null) {
            return;
        }
        Map<String, PKCS12SafeBag> keys = new LinkedHashMap<>();
        Map<String, X509CertificateHolder> certs = new LinkedHashMap<>();
        Map<String, byte[]> byAlias = new HashMap<>();
        if (Files.exists(file)) {
            try {
                PKCS12PfxPdu pfx = new PKCS12PfxPdu(Files.readAllBytes(file));
                if (!pfx.hasMac() || !pfx.isMacValid(new JcePKCS12MacCalculatorBuilderProvider().setProvider(Sm2.BC),
                        password)) {
                    throw new IllegalStateException("Cannot open the key store " + file
                            + ": wrong tongban.certificates.key-store-password, or the file was changed");
                }
                Map<String, byte[]> certificateByKeyId = new HashMap<>();
                for (ContentInfo info : pfx.getContentInfos()) {
                    PKCS12SafeBagFactory factory = info.getContentType().equals(PKCSObjectIdentifiers.encryptedData)
                            ? new PKCS12SafeBagFactory(info, new JcePKCSPBEInputDecryptorProviderBuilder()
                                    .setProvider(Sm2.BC).build(password))
                            : new PKCS12SafeBagFactory(info);
                    for (PKCS12SafeBag bag : factory.getSafeBags()) {
                        if (bag.getType().equals(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag)) {
                            keys.put(attribute(bag, PKCSObjectIdentifiers.pkcs_9_at_friendlyName), bag);
                        } else if (bag.getType().equals(PKCSObjectIdentifiers.certBag)) {
                            X509CertificateHolder holder = (X509CertificateHolder) bag.getBagValue();
                            certs.putIfAbsent(hex(holder.getEncoded()), holder);
                            String keyId = attribute(bag, PKCSObjectIdentifiers.pkcs_9_at_localKeyId);
                            if (keyId != null) {
                                certificateByKeyId.put(keyId, holder.getEncoded());
                            }
                        }
                    }
                }
                keys.keySet().forEach(alias -> {
                    byte[] own = certificateByKeyId.get(alias);
                    if (own != null) {
                        byAlias.put(alias, own);
                    }
                });
            } catch (IOException | PKCSException e) {
                throw new IllegalStateException("Cannot open the key store " + file
                        + " (not a PKCS#12 file, or wrong tongban.certificates.key-store-password)", e);
            }
        }
        keyBags = keys;
        certificates = certs;
        keyCertificates = byAlias;
    }

    private static String attribute(PKCS12SafeBag bag, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
        for (var attribute : bag.getAttributes()) {
            if (attribute.getAttrType().equals(type)) {
                ASN1Encodable value = attribute.getAttrValues().getObjectAt(0);
                if (value instanceof DERBMPString name) {
                    return name.getString();
                }
                if (value instanceof ASN1OctetString octets) {
                    return new String(octets.getOctets(), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    private byte[] build() throws IOException, PKCSException, OperatorCreationException, GeneralSecurityException {
        PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
        List<PKCS12SafeBag> certificateBags = new ArrayList<>();
        for (X509CertificateHolder holder : certificates.values()) {
            var bag = new JcaPKCS12SafeBagBuilder(new JcaX509CertificateConverter().setProvider(Sm2.BC)
                    .getCertificate(holder));
            for (var own : keyCertificates.entrySet()) {
                if (Arrays.equals(own.getValue(), holder.getEncoded())) {
                    bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(own.getKey()));
                    bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId(own.getKey()));
                    break;
                }
            }
            certificateBags.add(bag.build());
        }
        for (PKCS12SafeBag bag : certificateBags) {
            pfx.addData(bag);
        }
        for (PKCS12SafeBag bag : keyBags.values()) {
            pfx.addData(bag);
        }
        return pfx.build(new JcePKCS12MacCalculatorBuilder(NISTObjectIdentifiers.id_sha256).setProvider(Sm2.BC)
                .setIterationCount(ITERATIONS), password).getEncoded(ASN1Encoding.DER);
    }

    private void write(byte[] content) throws IOException {
        Path directory = file.getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: rely on the directory's permissions.
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING); OutputStream out = Channels.newOutputStream(channel)) {
                out.write(content);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("The file system of " + directory + " cannot replace files atomically", e);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true); // the rename itself durable
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms cannot open a directory; the rename is still atomic.
        }
    }
}
