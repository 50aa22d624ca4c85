package org.tongban.bench;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * HTTP load for the benchmarks by wrk (a load generator in C, so that the client takes as little as it can of the
 * cores it shares with the server), on two threads, with the script {@code bench/wrk/load.lua}: system properties
 * {@code bench.wrk} (the binary, {@code wrk}) and {@code bench.wrk-script}. The script's environment ({@code WRK_*})
 * chooses what each request is; see the script.
 */
public record Wrk(String binary, String script, int connections, Map<String, String> environment) {

    /** One run: requests generated, answered ok, answered otherwise, socket errors, seconds, latency in ms. */
    public record Run(long sent, long ok, long other, long errors, double seconds, double p50, double p95,
            double p99) {
        public double rate() {
            return ok / seconds;
        }

        public long failures() {
            return other + errors;
        }
    }

    public static Wrk of(int connections, Map<String, String> environment) {
        String script = System.getProperty("bench.wrk-script");
        if (script == null) {
            throw new IllegalStateException("bench.wrk-script is not set (bench/wrk/load.lua)");
        }
        return new Wrk(System.getProperty("bench.wrk", "wrk"), script, connections, environment);
    }

    /** Runs wrk against the URL for the seconds given, in the script's mode, with more environment for this run. */
    public Run run(String url, String mode, int seconds, Map<String, String> more) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(binary, "-t", "2", "-c", Integer.toString(connections), "-d",
                seconds + "s", "--timeout", "10s", "-s", script, url).redirectErrorStream(true);
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(more);
        env.put("WRK_MODE", mode);
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        String line = out.lines().filter(l -> l.startsWith("WRK ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no WRK line from wrk:\n" + out));
        String[] f = line.split(" ");
        return new Run(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                Double.parseDouble(f[5]), Long.parseLong(f[6]) / 1000.0, Long.parseLong(f[7]) / 1000.0,
                Long.parseLong(f[8]) / 1000.0);
    }
}
