package io.envwatch.alerting.patrols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.envwatch.district.InvalidField;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatrolPhotosTest {
    static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0};

    @Test
    void aPhotoIsKeptUnderItsHashOnceAndReadBackWithItsType(@TempDir Path dir) throws Exception {
        PatrolPhotos photos = new PatrolPhotos(dir.resolve("photos"));
        String hash = photos.store(JPEG);
        assertThat(hash).isEqualTo(PatrolPhotos.sha256(JPEG)).hasSize(64);
        assertThat(photos.store(JPEG)).isEqualTo(hash);
        try (var files = Files.list(dir.resolve("photos"))) {
            assertThat(files)
                    .as("one file, no part left behind")
                    .containsExactly(dir.resolve("photos").resolve(hash));
        }
        PatrolPhotos.Photo back = photos.read(hash).orElseThrow();
        assertThat(back.bytes()).isEqualTo(JPEG);
        assertThat(back.mediaType()).isEqualTo("image/jpeg");
        assertThat(photos.read("0".repeat(64))).isEmpty();
        assertThat(photos.read("../../etc/passwd"))
                .as("only a hash names a photo")
                .isEmpty();
    }

    @Test
    void onlyJpegAndPngByTheirFirstBytesAndNothingOverTheLimit(@TempDir Path dir) {
        PatrolPhotos photos = new PatrolPhotos(dir);
        assertThatThrownBy(() -> photos.store("<svg onload=alert(1)>".getBytes()))
                .isInstanceOf(InvalidField.class)
                .hasMessage("photo must be a JPEG or PNG image");
        byte[] huge = new byte[PatrolPhotos.MAX_BYTES + 1];
        System.arraycopy(JPEG, 0, huge, 0, JPEG.length);
        assertThatThrownBy(() -> photos.store(huge)).hasMessageContaining("photo must be at most 4194304 bytes");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0};
        assertThat(PatrolPhotos.mediaType(png)).isEqualTo("image/png");
    }

    @Test
    void aPhotoAlteredOnTheVolumeIsNotHandedOutAsEvidence(@TempDir Path dir) throws Exception {
        PatrolPhotos photos = new PatrolPhotos(dir);
        String hash = photos.store(JPEG);
        byte[] altered = JPEG.clone();
        altered[altered.length - 1] = 1;
        Files.write(dir.resolve(hash), altered);
        assertThatThrownBy(() -> photos.read(hash)).isInstanceOf(PatrolPhotos.Altered.class);
    }
}
