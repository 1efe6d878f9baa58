package io.envwatch.alerting;

import io.envwatch.alerting.complaints.ComplaintPublisher;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.local.LocalInfluxd;
import java.time.Clock;

/** Starts the duty service the tests use: the sample registry and the demo settings, on a private influxd. */
public final class DutyServices {
    /** The demo settings' published tokens (duty-sample.yaml). */
    public static final String DUTY_OFFICER = "duty-demo-token";

    public static final String DUTY_LEADER = "leader-demo-token";
    public static final String FENGGANG_SQUAD = "fenggang-demo-token";
    public static final String TANGXIA_SQUAD = "tangxia-demo-token";
    public static final String MONITOR = "monitor-demo-token";
    public static final String HOTLINE = "hotline-demo-token";
    public static final String CITY_LEADER = "city-leader-demo-token";
    public static final String BRANCH_CHIEF = "branch-chief-demo-token";
    public static final String SECTION_CHIEF = "section-chief-demo-token";

    private DutyServices() {}

    public static DutyService.Builder on(LocalInfluxd influxd, String database) {
        return DutyService.builder(RegistryLoader.sample(), InfluxSettings.v1(influxd.url(), database))
                .port(0);
    }

    public static DutyService start(LocalInfluxd influxd, String database) throws Exception {
        return on(influxd, database).start();
    }

    public static DutyService start(LocalInfluxd influxd, String database, ComplaintPublisher complaints)
            throws Exception {
        return on(influxd, database)
                .complaints(complaints)
                .clock(Clock.systemUTC())
                .start();
    }
}
