package io.envwatch.stream.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which refusals are partial writes, and how many points they refused: the sink goes on past those. */
class InfluxWriteExceptionTest {
    private static InfluxWriteException refused(int status, String body) {
        return new InfluxWriteException(status, "InfluxDB refused the write with " + status + ": " + body, null);
    }

    @Test
    void aPartialWriteSaysHowManyPointsTheServerRefused() {
        assertThat(refused(400, "{\"error\":\"partial write: points beyond retention policy dropped=3\"}")
                        .refusedOfPartialWrite())
                .isEqualTo(3);
        assertThat(refused(
                                400,
                                "{\"error\":\"partial write: max-values-per-tag limit exceeded (100000/100000):"
                                        + " measurement=\\\"reading\\\" tag=\\\"site\\\" value=\\\"S1\\\" dropped=2\"}")
                        .refusedOfPartialWrite())
                .isEqualTo(2);
        // InfluxDB 2.x answers 422.
        assertThat(refused(422, "partial write: field type conflict dropped=1").refusedOfPartialWrite())
                .isEqualTo(1);
    }

    @Test
    void aPartialWriteOnV2IsNotCalledABugInTheLineProtocol() {
        String partial = "HTTP status code: 422; Message: partial write: points beyond retention policy dropped=1";
        assertThat(V2LineWriter.checkSetting(422, partial))
                .doesNotContain("bug")
                .contains("rest of the batch");
        assertThat(refused(422, partial + V2LineWriter.checkSetting(422, partial))
                        .refusedOfPartialWrite())
                .isEqualTo(1);
        assertThat(V2LineWriter.checkSetting(400, "unable to parse 'reading,site=A': missing fields"))
                .contains("bug in EnvWatch's line protocol");
    }

    @Test
    void anythingElseIsNoPartialWrite() {
        assertThat(refused(400, "{\"error\":\"unable to parse 'reading,site=A': missing fields\"}")
                        .refusedOfPartialWrite())
                .isZero();
        assertThat(refused(400, "partial write without a count").refusedOfPartialWrite())
                .isZero();
        assertThat(refused(500, "partial write: dropped=1").refusedOfPartialWrite())
                .isZero();
        assertThat(new InfluxWriteException(0, null, null).refusedOfPartialWrite())
                .isZero();
    }
}
