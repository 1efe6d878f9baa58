package io.envwatch.alerting.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class ClaimCodesTest {

    @Test
    void onlyTheIssuedSecretMatchesAndTheStoredHashHoldsNoneOfIt() {
        ClaimCodes.Issued a = ClaimCodes.issue("C-1f2e3d");
        ClaimCodes.Issued b = ClaimCodes.issue("C-1f2e3d");
        ClaimCodes.Parts parts = ClaimCodes.parse(a.code());
        assertThat(parts.id()).isEqualTo("C-1f2e3d");
        assertThat(ClaimCodes.matches(parts.secret(), a.storedHash())).isTrue();
        assertThat(ClaimCodes.matches(parts.secret(), b.storedHash()))
                .as("another code's hash")
                .isFalse();
        assertThat(a.storedHash()).doesNotContain(parts.secret()).isNotEqualTo(b.storedHash());
        // Typed back by hand: lower case, without dashes, with spaces.
        String typed = "C-1f2e3d." + parts.secret().toLowerCase(Locale.ROOT).replaceAll("(.{5})", "$1 ");
        assertThat(ClaimCodes.matches(ClaimCodes.parse(typed).secret(), a.storedHash()))
                .isTrue();
    }

    @Test
    void whatIsNotShapedAsACodeIsNotLookedUp() {
        assertThat(ClaimCodes.parse(null)).isNull();
        assertThat(ClaimCodes.parse("no-dot-here")).isNull();
        assertThat(ClaimCodes.parse("C-1.SHORT")).isNull();
        assertThat(ClaimCodes.parse(".AAAAAAAAAAAAAAAAAAAA")).isNull();
    }
}
