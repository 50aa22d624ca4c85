package org.tongban.catalog.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closed-loop load: {@code clients} threads, each sending its next request when the last one is answered — at once
 * (no think time: the machine is saturated and latency includes queueing), or after a think time drawn from an
 * exponential distribution (people reading a page: a Poisson stream of requests per client) — first for a warm-up
 * that is not recorded, then for the measured period. Every latency of the measured period is kept.
 */
final class Load {

    /** One request; {@code n} picks from the mix. Throws on a wrong answer. */
    @FunctionalInterface
    interface Request {
        void send(int n) throws Exception;
    }

    record Stats(String name, int clients, long requests, int errors, double seconds, double p50, double p95,
            double p99, double max, String firstError, double cpuMillisPerRequest) {

        double throughput() {
            return requests / seconds;
        }
    }

    private Load() {
    }

    static Stats run(String name, int clients, double warmupSeconds, double measureSeconds, int mixSize,
            Request request) throws InterruptedException {
        return run(name, clients, warmupSeconds, measureSeconds, mixSize, 0, request);
    }

    static Stats run(String name, int clients, double warmupSeconds, double measureSeconds, int mixSize,
            double thinkMillis, Request request) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long end = measureFrom + (long) (measureSeconds * 1e9);
        List<long[]> samples = new ArrayList<>();
        int[] counts = new int[clients];
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            long[] own = new long[1 << 16];
            samples.add(own);
            int client = c;
            Thread thread = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(client * 7919L + 17);
                long[] buffer = own;
                int count = 0;
                try {
                    while (true) {
                        if (thinkMillis > 0) {
                            long think = (long) (-Math.log(1 - random.nextDouble()) * thinkMillis * 1e6);
                            Thread.sleep(think / 1_000_000, (int) (think % 1_000_000));
                        }
                        long t0 = System.nanoTime();
                        if (t0 >= end) {
                            break;
                        }
                        try {
                            request.send(random.nextInt(mixSize));
                        } catch (Exception | AssertionError e) {
                            if (errors.incrementAndGet() == 1) {
                                firstError.set(e.toString());
                            }
                            continue;
                        }
                        long t1 = System.nanoTime();
                        if (t0 >= measureFrom && t1 <= end) {
                            if (count == buffer.length) {
                                buffer = Arrays.copyOf(buffer, buffer.length * 2);
                                synchronized (samples) {
                                    samples.set(client, buffer);
                                }
                            }
                            buffer[count++] = t1 - t0;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    counts[client] = count;
                    done.countDown();
                }
            }, name + "-client-" + c);
            thread.setDaemon(true);
            thread.start();
        }
        long sleep = measureFrom - System.nanoTime();
        if (sleep > 0) {
            Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
        }
        long cpu0 = processCpuNanos();
        done.await();
        long cpu1 = processCpuNanos();
        long total = Arrays.stream(counts).asLongStream().sum();
        long[] all = new long[(int) total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(samples.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        return new Stats(name, clients, total, errors.get(), measureSeconds, percentile(all, 0.50),
                percentile(all, 0.95), percentile(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6,
                firstError.get(), total == 0 ? Double.NaN : (cpu1 - cpu0) / 1e6 / total);
    }

    /** CPU time this JVM has used, all threads (the app's and the clients'). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** In milliseconds; nearest rank. */
    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.clamp(rank, 0, sorted.length - 1)] / 1e6;
    }
}
