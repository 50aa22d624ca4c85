package org.tongban.certificates.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH micro-benchmarks of a certificate's signature (issue 7), run by {@code bench/micro.sh}: the platform's
 * verification core (canonical JSON of the certificate data, then {@link Sm2#verify}) against the raw BouncyCastle
 * {@code SM3withSM2} verify of the same bytes with one reused {@link Signature} — the reference the HTTP target is a
 * ratio of — and signing (issuance) and canonicalization alone. Operations per second per thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Sm2Micro {

    private KeyPair keys;
    private Map<String, Object> payload;
    private byte[] data;
    private byte[] signature;
    private Signature raw;

    /** A business licence's payload with the members the platform signs (Certificates: GB/T 36906 metadata, ZZXX). */
    static Map<String, Object> licence() {
        Map<String, Object> data = new TreeMap<>();
        data.put("ZZMC", "营业执照");
        data.put("ZZLXDM", "11100000MB0T00010U001");
        data.put("ZZBH", "2100000120260000123");
        data.put("ZZBS", "1.2.156.3005.2.11100000MB0T00010U001.11210112MB0000001X.2100000120260000123.001.K");
        data.put("ZZBFJG", "沈阳市浑南区市场监督管理局");
        data.put("ZZBFJGDM", "11210112MB0000001X");
        data.put("ZZBFRQ", "2026-11-25");
        data.put("CZZT", "沈阳示例科技有限公司");
        data.put("CZZTDM", "91210112MA0XXXXXX1");
        data.put("CZZTDMLX", "统一社会信用代码");
        data.put("ZZYXQQSRQ", "2024-03-18");
        data.put("ZZYXQJZRQ", "长期");
        data.put("QMMYID", "6f1c2b0e-3a57-4c8e-9d7a-2b9f0c4e8a11");
        data.put("ZZXX", new TreeMap<>(Map.of("QYLX", "有限责任公司（自然人投资或控股）", "FDDBR", "张三", "ZCZB",
                "100万元人民币", "CLRQ", "2024-03-18", "ZS", "辽宁省沈阳市浑南区智慧四街1号",
                "JYFW", "一般项目：技术服务、技术开发、技术咨询（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）")));
        return data;
    }

    @Setup
    public void setUp() throws GeneralSecurityException {
        keys = Sm2.newKeyPair();
        payload = licence();
        data = CanonicalJson.bytes(payload);
        signature = Sm2.sign(keys.getPrivate(), data);
        raw = Signature.getInstance("SM3withSM2", Sm2.BC);
        raw.setParameter(new SM2ParameterSpec(Sm2.SIGNER_ID.getBytes(StandardCharsets.US_ASCII)));
        if (!platformVerify() || !rawVerify()) {
            throw new IllegalStateException("the signature does not verify");
        }
    }

    /** The reference: raw BouncyCastle verification of the canonical bytes, the Signature object reused. */
    @Benchmark
    public boolean rawVerify() throws GeneralSecurityException {
        raw.initVerify(keys.getPublic());
        raw.update(data);
        return raw.verify(signature);
    }

    /** What the platform does for each verification: canonical bytes of the stored data, then the SM2 check. */
    @Benchmark
    public boolean platformVerify() {
        return Sm2.verify(keys.getPublic(), CanonicalJson.bytes(payload), signature);
    }

    @Benchmark
    public byte[] platformSign() {
        return Sm2.sign(keys.getPrivate(), CanonicalJson.bytes(payload));
    }

    @Benchmark
    public byte[] canonicalJson() {
        return CanonicalJson.bytes(payload);
    }
}
