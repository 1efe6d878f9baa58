package io.envwatch.stream;

/**
 * The job's storage path alone, configured as the job is (the same environment variables): the
 * MQTT source, decoding and the InfluxDB sink of readings and dead letters, no rules. The
 * end-to-end benchmark runs it as its bare-pipeline baseline (docs and BENCHMARKS.md); it is no
 * way to run EnvWatch, which stores readings to judge them.
 */
public final class StorageOnlyMain {
    private StorageOnlyMain() {}

    public static void main(String[] args) throws Exception {
        EnvWatchJobMain.run(args, true);
    }
}
