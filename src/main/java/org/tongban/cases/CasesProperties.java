package org.tongban.cases;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param materials where and how large uploaded materials may be
 * @param acceptanceDays working days within which the acceptance decision is due (行政许可法 Art. 32: at most 5)
 * @param deemedAcceptance the job that records acceptance by operation of law
 * @param deadlines the job that warns before and at the deadlines of open tasks
 * @param decisionNumbers how the numbers (文号) of licensing decisions are written
 */
@ConfigurationProperties("tongban.cases")
public record CasesProperties(@DefaultValue Materials materials, @DefaultValue("5") int acceptanceDays,
        @DefaultValue DeemedAcceptance deemedAcceptance, @DefaultValue Deadlines deadlines,
        @DefaultValue DecisionNumbers decisionNumbers) {

    public CasesProperties {
        if (acceptanceDays < 1 || acceptanceDays > 5) {
            // 行政许可法 Art. 32: corrections must be notified within 5 days; a longer setting would break the law.
            throw new IllegalArgumentException("tongban.cases.acceptance-days must be between 1 and 5");
        }
    }

    /**
     * @param maxSize largest accepted file
     * @param directory where the local-disk storage keeps files
     * @param storage {@code local} (files under {@code directory}, the default) or {@code s3} (an S3-compatible
     *        object store, configured under {@code s3})
     * @param s3 the object store when {@code storage} is {@code s3}
     */
    public record Materials(@DefaultValue("10MB") DataSize maxSize, @DefaultValue("./data/materials") Path directory,
            @DefaultValue("local") String storage, @DefaultValue S3 s3) {
    }

    /**
     * An S3-compatible object store (Amazon S3, MinIO, Ceph RGW, Alibaba OSS and others that speak the S3 API with
     * Signature Version 4), addressed path-style: {@code <endpoint>/<bucket>/<key>}.
     *
     * @param endpoint the service's base URL, e.g. {@code https://s3.cn-north-1.amazonaws.com.cn} or
     *        {@code http://minio.internal:9000}
     * @param region the region the signature names ({@code us-east-1} for most self-hosted stores)
     * @param bucket the bucket, created beforehand by the operator
     * @param accessKey the access key id
     * @param secretKey the secret access key (from the secret store or the environment, never in a committed file)
     * @param timeout how long one request may take
     */
    public record S3(java.net.URI endpoint, @DefaultValue("us-east-1") String region, String bucket, String accessKey,
            String secretKey, @DefaultValue("30s") Duration timeout) {
    }

    /**
     * @param enabled whether this node runs the job (every node may: runs are safe in parallel)
     * @param interval how often it runs
     */
    public record DeemedAcceptance(@DefaultValue("true") boolean enabled, @DefaultValue("10m") Duration interval) {
    }

    /**
     * @param enabled whether this node runs the deadline scan (every node may: rows are claimed with
     *        {@code FOR UPDATE SKIP LOCKED})
     * @param interval how often it runs
     * @param warningDays warn when this many working days or fewer are left
     * @param workers how many batches of one scan are claimed and written at once, each on its own connection (the
     *        scan alternates between the database and the JVM, so two keep two cores busy)
     */
    public record Deadlines(@DefaultValue("true") boolean enabled, @DefaultValue("10m") Duration interval,
            @DefaultValue("3") int warningDays, @DefaultValue("2") int workers) {

        public Deadlines {
            if (workers < 1) {
                throw new IllegalArgumentException("tongban.cases.deadlines.workers must be at least 1");
            }
        }
    }

    /**
     * Numbers of licensing decisions, {@code <prefix>〔<year>〕第<sequence>号} (GB/T 9704-2012 §7.2.4).
     *
     * @param prefixes the prefix (机关代字 and 类别, e.g. {@code 浑南市监许字}) per body, keyed by the body's unified
     *        social credit code; a body not listed gets one derived from its name (see {@code DecisionNumbers})
     * @param digits the sequence is zero-padded to this many digits (1–8)
     */
    public record DecisionNumbers(Map<String, String> prefixes, @DefaultValue("5") int digits) {

        public DecisionNumbers {
            prefixes = prefixes == null ? Map.of() : Map.copyOf(prefixes);
            if (digits < 1 || digits > 8) {
                throw new IllegalArgumentException("tongban.cases.decision-numbers.digits must be between 1 and 8");
            }
            for (Map.Entry<String, String> prefix : prefixes.entrySet()) {
                if (prefix.getValue() == null || prefix.getValue().isBlank() || prefix.getValue().strip().length() > 30) {
                    throw new IllegalArgumentException("tongban.cases.decision-numbers.prefixes." + prefix.getKey()
                            + " must have 1 to 30 characters");
                }
            }
        }
    }
}
