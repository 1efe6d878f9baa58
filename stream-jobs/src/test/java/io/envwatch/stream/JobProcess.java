package io.envwatch.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The job as operators run it: {@link EnvWatchJobMain} in a JVM of its own (a local Flink
 * MiniCluster inside), configured by ENVWATCH_* environment variables, that a test can kill -9.
 */
final class JobProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private JobProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static JobProcess start(Map<String, String> env, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        // A killed JVM cannot clean up its temporary files (Flink's 24-MB RPC jar, the MiniCluster's
        // folders): they go next to its log, in the test's own folder.
        Path temp = log.toAbsolutePath().getParent().resolve("tmp-" + log.getFileName());
        try {
            Files.createDirectories(temp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        command.add("-Djava.io.tmpdir=" + temp);
        // What Flink's scripts open for its serializers on Java 17.
        for (String pkg : List.of(
                "java.base/java.lang",
                "java.base/java.util",
                "java.base/java.lang.reflect",
                "java.base/java.net",
                "java.base/java.io",
                "java.base/java.nio",
                "java.base/java.time",
                "java.base/java.text",
                "java.base/sun.nio.ch",
                "java.base/java.util.concurrent",
                "java.base/java.util.concurrent.atomic")) {
            command.add("--add-opens=" + pkg + "=ALL-UNNAMED");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EnvWatchJobMain.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            return new JobProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A crash: SIGKILL, nothing flushed, no cancel. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
