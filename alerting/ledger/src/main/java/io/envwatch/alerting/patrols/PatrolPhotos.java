package io.envwatch.alerting.patrols;

import io.envwatch.district.InvalidField;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The findings' photos on the service's volume, each under its SHA-256 (the hash the ledger keeps):
 * the same photo sent twice is one file, and a file that no longer hashes to its name has been
 * altered and is not handed out as evidence. JPEG and PNG only, told by their first bytes, never by
 * what the sender calls them. Blocking: call it from a worker.
 */
public final class PatrolPhotos {
    /** What a phone's photo is once the page has scaled it down; far more than a full-size one needs. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** A photo as stored: its bytes and their media type. */
    public record Photo(byte[] bytes, String mediaType) {}

    private final Path directory;

    public PatrolPhotos(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Keeps the photo (forced to the disk before the finding that names it is written), and
     * answers its SHA-256.
     */
    public String store(byte[] photo) {
        String type = mediaType(photo);
        if (type == null) {
            throw new InvalidField("photo", "error.patrol.photo-type");
        }
        if (photo.length > MAX_BYTES) {
            throw new InvalidField("photo", "error.patrol.photo-size", "max", MAX_BYTES);
        }
        String hash = sha256(photo);
        Path file = directory.resolve(hash);
        try {
            if (Files.exists(file)) {
                return hash;
            }
            Files.createDirectories(directory);
            Path part = Files.createTempFile(directory, hash, ".part");
            try (var channel = java.nio.channels.FileChannel.open(part, java.nio.file.StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(photo));
                channel.force(true);
            }
            try {
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return hash;
        } catch (IOException e) {
            throw new UncheckedIOException("the photo could not be kept in " + directory, e);
        }
    }

    /**
     * The photo with this hash: empty when there is none (or the name is no hash), and
     * {@link Altered} when the file no longer hashes to its name.
     */
    public Optional<Photo> read(String hash) {
        if (!SHA256.matcher(hash).matches()) {
            return Optional.empty();
        }
        Path file = directory.resolve(hash);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (!sha256(bytes).equals(hash)) {
                throw new Altered(hash);
            }
            return Optional.of(new Photo(bytes, mediaType(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A kept photo whose bytes no longer match the hash the ledger holds. */
    public static final class Altered extends RuntimeException {
        Altered(String hash) {
            super("the photo " + hash + " no longer matches its hash: it was altered on the volume");
        }
    }

    static String mediaType(byte[] b) {
        if (b.length > 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if (b.length > 8
                && (b[0] & 0xff) == 0x89
                && b[1] == 'P'
                && b[2] == 'N'
                && b[3] == 'G'
                && b[4] == 0x0d
                && b[5] == 0x0a
                && b[6] == 0x1a
                && b[7] == 0x0a) {
            return "image/png";
        }
        return null;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
