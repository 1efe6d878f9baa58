package io.envwatch.alerting.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.schema.CampaignPoint;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A campaign's comparison with its baseline, without a store. */
class CampaignArithmeticTest {
    private static final long DAY = 86_400_000L;
    private static final long START = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
    /** Thirty days, against the same thirty days a year before. */
    private static final CampaignPoint NIGHT_NOISE = new CampaignPoint(
            "CMP-1",
            "night noise",
            List.of("fenggang"),
            List.of("noise"),
            List.of(),
            START,
            START + 30 * DAY,
            START - 365 * DAY,
            START - 335 * DAY,
            -30,
            -50,
            2,
            "duty-leader",
            0);

    @Test
    void theBaselineRunsAsFarIntoItsPeriodAsTheCampaignHasIntoItsOwn() {
        assertThat(Campaigns.baselineUpTo(NIGHT_NOISE, START - DAY))
                .as("not begun")
                .isEqualTo(START - 365 * DAY);
        assertThat(Campaigns.baselineUpTo(NIGHT_NOISE, START + 6 * DAY)).isEqualTo(START - 359 * DAY);
        assertThat(Campaigns.baselineUpTo(NIGHT_NOISE, START + 90 * DAY))
                .as("ended")
                .isEqualTo(START - 335 * DAY);
    }

    @Test
    void aTargetIsMetWhenTheChangeIsAtOrBelowItAndNeverWithoutABaseline() {
        Campaigns.Progress fewer = Campaigns.progress("fenggang", Campaigns.COMPLAINTS, 40, 28, -30);
        assertThat(fewer.changePercent()).isEqualTo(-30.0);
        assertThat(fewer.met()).isTrue();
        Campaigns.Progress notEnough = Campaigns.progress("fenggang", Campaigns.COMPLAINTS, 40, 29, -30);
        assertThat(notEnough.changePercent()).isEqualTo(-27.5);
        assertThat(notEnough.met()).isFalse();
        Campaigns.Progress more = Campaigns.progress("fenggang", Campaigns.ESCALATED, 4, 6, -50);
        assertThat(more.changePercent()).isEqualTo(50.0);
        assertThat(more.met()).isFalse();
        Campaigns.Progress noBaseline = Campaigns.progress("fenggang", Campaigns.COMPLAINTS, 0, 0, -30);
        assertThat(noBaseline.changePercent()).isNull();
        assertThat(noBaseline.met()).isFalse();
    }
}
