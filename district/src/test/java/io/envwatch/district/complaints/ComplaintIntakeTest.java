package io.envwatch.district.complaints;

import static io.envwatch.district.complaints.ComplaintIntake.Filer.PUBLIC;
import static io.envwatch.district.complaints.ComplaintIntake.Filer.STAFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envwatch.district.InvalidField;
import io.envwatch.district.registry.RegistryLoader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ComplaintIntakeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NOW = Instant.parse("2026-11-21T16:00:00Z").toEpochMilli();
    private final ComplaintIntake intake = new ComplaintIntake(RegistryLoader.sample());

    private ObjectNode valid() {
        ObjectNode body = JSON.createObjectNode()
                .put("category", "noise")
                .put("channel", "hotline")
                .put("observedAt", "2026-11-21T23:40:00+08:00")
                .put("description", "Hammering from the metal works all night")
                .put("contact", "138 0000 1234");
        body.putObject("location").put("lat", 22.732861).put("lon", 114.125349);
        return body;
    }

    @Test
    void aValidComplaintKeepsNoContactAndAnApproximateLocation() {
        Complaint c = intake.accept(valid(), NOW, STAFF);
        assertThat(c.category).isEqualTo("noise");
        assertThat(c.observedAt).isEqualTo(Instant.parse("2026-11-21T15:40:00Z").toEpochMilli());
        assertThat(c.lat).isEqualTo(22.7329);
        assertThat(c.lon).isEqualTo(114.1253);
        assertThat(c.town).isEqualTo("fenggang");
        assertThat(c.id).startsWith("C-");
        assertThat(new String(ComplaintCodec.encode(c)))
                .doesNotContain("138 0000 1234")
                .doesNotContain("contact");
        assertThat(ComplaintCodec.decode(ComplaintCodec.encode(c)))
                .get()
                .extracting(x -> x.id)
                .isEqualTo(c.id);
    }

    @Test
    void anEscalatedComplaintSaysSoAndAnythingButABooleanIsRefused() {
        assertThat(intake.accept(valid(), NOW, STAFF).escalated).isFalse();
        assertThat(intake.accept(valid().put("escalated", true), NOW, STAFF).escalated)
                .isTrue();
        assertThatThrownBy(() -> intake.accept(valid().put("escalated", "yes"), NOW, STAFF))
                .isInstanceOfSatisfying(
                        InvalidField.class, e -> assertThat(e.field()).isEqualTo("escalated"));
        assertThat(ComplaintCodec.decode(
                                ComplaintCodec.encode(intake.accept(valid().put("escalated", true), NOW, STAFF)))
                        .orElseThrow()
                        .escalated)
                .as("through the wire")
                .isTrue();
    }

    @Test
    void theSameExternalReferenceIsTheSameComplaint() {
        ObjectNode a = valid().put("externalRef", "12345-DG/2026");
        assertThat(intake.accept(a, NOW, STAFF).id)
                .isEqualTo(intake.accept(a.deepCopy(), NOW, STAFF).id)
                .isEqualTo(ComplaintIntake.idFor("12345-DG/2026"));
    }

    @Test
    void aBuildingStandsForTheLocation() {
        ObjectNode body = valid();
        body.remove("location");
        body.put("building", "B-FE-01");
        Complaint c = intake.accept(body, NOW, STAFF);
        assertThat(c.building).isEqualTo("B-FE-01");
        assertThat(c.town).isEqualTo("fenggang");
    }

    @Test
    void everyProblemNamesItsField() {
        record Case(String field, ObjectNode body) {}
        ObjectNode noLocation = valid();
        noLocation.remove("location");
        ObjectNode farAway = valid();
        farAway.putObject("location").put("lat", 39.9).put("lon", 116.4);
        ObjectNode badLat = valid();
        badLat.putObject("location").put("lat", "north").put("lon", 114.1);
        for (Case c : new Case[] {
            new Case("category", valid().put("category", "smell")),
            new Case("channel", valid().put("channel", "pigeon")),
            new Case("observedAt", valid().put("observedAt", "last night")),
            new Case("observedAt", valid().put("observedAt", "2026-11-23T00:00:00+08:00")),
            new Case("observedAt", valid().put("observedAt", "2026-09-01T00:00:00+08:00")),
            new Case("description", valid().put("description", " ")),
            new Case("description", valid().put("description", "x".repeat(2001))),
            new Case("externalRef", valid().put("externalRef", "'; DROP")),
            new Case("contact", valid().put("contact", "")),
            new Case("building", valid().put("building", "B-NOWHERE")),
            new Case("location", noLocation),
            new Case("location", farAway),
            new Case("location.lat", badLat),
            new Case("househlds", valid().put("househlds", 3))
        }) {
            assertThatThrownBy(() -> intake.accept(c.body(), NOW, STAFF))
                    .as(c.field())
                    .isInstanceOfSatisfying(
                            InvalidField.class, e -> assertThat(e.field()).isEqualTo(c.field()));
        }
    }

    @Test
    void thePublicFilesWebComplaintsWithoutAReferenceOrAnEscalation() {
        ObjectNode web = valid().put("channel", "web");
        assertThat(intake.accept(web, NOW, PUBLIC).channel).isEqualTo("web");
        ObjectNode noChannel = valid();
        noChannel.remove("channel");
        assertThat(intake.accept(noChannel, NOW, PUBLIC).channel)
                .as("the public's channel is the web")
                .isEqualTo("web");
        for (ObjectNode staffOnly : new ObjectNode[] {
            valid(),
            web.deepCopy().put("externalRef", "HOT-69016484"),
            web.deepCopy().put("escalated", true),
            web.deepCopy().put("escalated", false)
        }) {
            String field =
                    staffOnly.has("externalRef") ? "externalRef" : staffOnly.has("escalated") ? "escalated" : "channel";
            assertThatThrownBy(() -> intake.accept(staffOnly, NOW, PUBLIC))
                    .as(field)
                    .isInstanceOfSatisfying(
                            InvalidField.class, e -> assertThat(e.field()).isEqualTo(field));
        }
    }

    /** A complaint received in person on a leader's reception day: staff file it as such; the public cannot. */
    @Test
    void staffFileAReceptionDaysComplaintsByTheirChannel() {
        assertThat(intake.accept(valid().put("channel", "reception"), NOW, STAFF).channel)
                .isEqualTo("reception");
        assertThatThrownBy(() -> intake.accept(valid().put("channel", "reception"), NOW, PUBLIC))
                .isInstanceOfSatisfying(
                        InvalidField.class, e -> assertThat(e.field()).isEqualTo("channel"));
    }
}
