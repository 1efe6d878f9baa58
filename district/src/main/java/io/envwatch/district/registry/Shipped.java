package io.envwatch.district.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * What a {@link Registry} is serialised as: the text it was parsed from, deflated. Deserialised, it
 * becomes the one registry of that text in this JVM (per class loader, so per job on a Flink
 * TaskManager), parsed once.
 *
 * <p>Nearly every operator of the job holds the registry, and Flink ships each operator to each of
 * its subtasks as its own serialised copy. Serialised field by field, every copy was deserialised
 * into a registry of its own: with 100,000 sites, a TaskManager held one per operator and subtask
 * and its 4 GiB heap was full before a reading came in. The text is also several times smaller than
 * the object graph on the wire, and deflated smaller again.
 */
final class Shipped implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Registries deserialised in this JVM, by digest of their deflated text; freed once no operator holds one. */
    private static final Map<String, WeakReference<Registry>> IN_THIS_JVM = new HashMap<>();

    private final String sourceName;
    private final byte[] deflated;
    private final String digest;

    private Shipped(String sourceName, byte[] deflated) {
        this.sourceName = sourceName;
        this.deflated = deflated;
        this.digest = sha256(deflated);
    }

    static Shipped of(String sourceName, String text) {
        return new Shipped(sourceName, deflate(text.getBytes(StandardCharsets.UTF_8)));
    }

    int size() {
        return deflated.length;
    }

    @Serial
    private Object readResolve() {
        // One lock for the JVM: subtasks deploying at once wait for the first to parse, not parse again.
        synchronized (IN_THIS_JVM) {
            WeakReference<Registry> held = IN_THIS_JVM.get(digest);
            Registry registry = held == null ? null : held.get();
            if (registry == null) {
                registry =
                        RegistryLoader.parse(sourceName, new String(inflate(deflated), StandardCharsets.UTF_8), this);
                IN_THIS_JVM.values().removeIf(r -> r.get() == null);
                IN_THIS_JVM.put(digest, new WeakReference<>(registry));
            }
            return registry;
        }
    }

    private static byte[] deflate(byte[] bytes) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(bytes);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 4));
            byte[] buffer = new byte[64 * 1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] bytes) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(bytes);
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 4);
            byte[] buffer = new byte[64 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new UncheckedIOException(new IOException("a shipped registry is cut short"));
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new UncheckedIOException(new IOException("a shipped registry is damaged", e));
        } finally {
            inflater.end();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
