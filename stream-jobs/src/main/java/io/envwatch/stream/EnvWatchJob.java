package io.envwatch.stream;

import io.envwatch.district.complaints.Complaint;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.schema.ComplaintPoint;
import io.envwatch.district.schema.DeadLetterPoint;
import io.envwatch.district.schema.DutyAlertPoint;
import io.envwatch.district.schema.IncidentPoint;
import io.envwatch.district.schema.LateReadingPoint;
import io.envwatch.district.schema.NoiseLaeqPoint;
import io.envwatch.district.schema.OdourIntervalPoint;
import io.envwatch.district.schema.ReadingPoint;
import io.envwatch.district.schema.RepeatCasePoint;
import io.envwatch.district.schema.TpAttributionPoint;
import io.envwatch.district.schema.TpClassPoint;
import io.envwatch.district.schema.TpDayPoint;
import io.envwatch.district.schema.TpMeanPoint;
import io.envwatch.district.schema.TpMonthPoint;
import io.envwatch.ingest.mqtt.source.MqttPayload;
import io.envwatch.stream.complaints.ComplaintOutcome;
import io.envwatch.stream.complaints.ComplaintRules;
import io.envwatch.stream.complaints.LinkToIncidents;
import io.envwatch.stream.complaints.RepeatComplaints;
import io.envwatch.stream.incidents.ComplaintLink;
import io.envwatch.stream.incidents.Incident;
import io.envwatch.stream.incidents.IncidentTracker;
import io.envwatch.stream.incidents.Judgement;
import io.envwatch.stream.late.LateReadings;
import io.envwatch.stream.noise.NoiseRules;
import io.envwatch.stream.odour.OdourRules;
import io.envwatch.stream.readings.DecodeReadings;
import io.envwatch.stream.readings.EvidenceOnly;
import io.envwatch.stream.readings.PayloadTime;
import io.envwatch.stream.readings.ReadingIdentity;
import io.envwatch.stream.readings.ReadingTime;
import io.envwatch.stream.readings.ReadingType;
import io.envwatch.stream.readings.SiteReadings;
import io.envwatch.stream.residential.NearbyBuildings;
import io.envwatch.stream.river.RiverRules;
import io.envwatch.stream.silence.SilenceDetector;
import io.envwatch.stream.storage.InfluxSchema;
import io.envwatch.stream.storage.PointSinks;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The EnvWatch job graph: MQTT messages -> validated readings (dead letters aside) -> event-time
 * watermarks -> each reading once (copies dropped, conflicting ones dead letters) -> stored readings; the rule families (noise, odour, river, silence) turn readings
 * into intervals and verdicts; the incident tracker turns verdicts into incidents and duty alerts.
 * The source and the output sinks come in through the constructor, so main wires MQTT and
 * InfluxDB and tests can wire others.
 */
public final class EnvWatchJob {
    private final Source<MqttPayload, ?, ?> source;
    private final PointSinks sinks;
    private final Registry registry;
    private final ReadingCodec codec;

    public EnvWatchJob(Source<MqttPayload, ?, ?> source, PointSinks sinks, Registry registry, ReadingCodec codec) {
        this.source = source;
        this.sinks = sinks;
        this.registry = registry;
        this.codec = codec;
    }

    /**
     * The storage path alone, the benchmark's bare-pipeline baseline: the same source, decoding and
     * sink code storing every reading and dead letter, and no rule, identity or silence after it.
     * What this machine can store with a job that costs nothing beyond storage.
     */
    public void buildStorageOnly(StreamExecutionEnvironment env) {
        env.getConfig().enableObjectReuse();
        InfluxSchema schema = new InfluxSchema(registry);
        decoded(env, WatermarkStrategy.noWatermarks())
                .sinkTo(sinks.sink(ReadingPoint.MEASUREMENT, schema::reading))
                .name("readings");
    }

    /** The readings off the MQTT source, decoded and validated; what fails goes to the dead letters. */
    private SingleOutputStreamOperator<Reading> decoded(
            StreamExecutionEnvironment env, WatermarkStrategy<MqttPayload> eventTime) {
        SingleOutputStreamOperator<Reading> decoded = env.fromSource(source, eventTime, "mqtt-readings")
                .uid("mqtt-readings")
                .process(new DecodeReadings(codec), ReadingType.INFO)
                .uid("decode-readings")
                .name("decode and validate");
        decoded.getSideOutput(DecodeReadings.DEAD_LETTERS)
                .sinkTo(sinks.sink(DeadLetterPoint.MEASUREMENT, InfluxSchema::deadLetter))
                .name("dead letters");
        return decoded;
    }

    public void build(StreamExecutionEnvironment env) {
        // Records go from one chained operator to the next without a copy: every reading is handed to
        // its sink and three filters in the source's chain, and without reuse Flink copies it for each.
        // Safe because no operator changes a record it was given or keeps one across calls in a chain:
        // operators that emit what they hold in state emit a copy (IncidentTracker, RepeatComplaints),
        // the rest emit new objects, and records between keyed operators cross the network, which
        // always builds new ones. The pipeline tests run with it.
        env.getConfig().enableObjectReuse();
        InfluxSchema schema = new InfluxSchema(registry);
        // Event time per MQTT session, as the source's readers keep it (PayloadTime, MqttSourceReader).
        WatermarkStrategy<MqttPayload> eventTime = WatermarkStrategy.<MqttPayload>forBoundedOutOfOrderness(
                        registry.rules().outOfOrdernessDuration())
                .withTimestampAssigner(new PayloadTime(codec))
                .withIdleness(registry.rules().readerIdleDuration());
        SingleOutputStreamOperator<Reading> decoded = decoded(env, eventTime);

        DataStream<Reading> received = decoded.transform("event time", decoded.getType(), new ReadingTime())
                .uid("event-time");
        // From here on each reading once: storage and every rule read the same first copies.
        SingleOutputStreamOperator<Reading> readings = SiteReadings.once(received, registry);
        readings.getSideOutput(ReadingIdentity.CONFLICTS)
                .sinkTo(sinks.sink(DeadLetterPoint.MEASUREMENT, InfluxSchema::deadLetter))
                .name("conflicting copies");
        readings.sinkTo(sinks.sink(ReadingPoint.MEASUREMENT, schema::reading)).name("readings");

        LateReadings late = new LateReadings();
        // Silence reads every reading (a logger in calibration is not silent); the rules only what
        // is evidence. Chained, without another exchange: the filter keeps the site partitioning.
        SingleOutputStreamOperator<Reading> evidence =
                readings.filter(new EvidenceOnly()).uid("evidence-only").name("evidence only (flag N)");
        KeyedStream<Reading, String> bySite = SiteReadings.keyed(evidence);
        NoiseRules.Outputs noise = NoiseRules.attach(bySite, registry, late);
        noise.intervals()
                .sinkTo(sinks.sink(NoiseLaeqPoint.MEASUREMENT, InfluxSchema::laeq))
                .name("LAeq intervals");
        OdourRules.Outputs odour = OdourRules.attach(evidence, registry, late);
        odour.intervals()
                .sinkTo(sinks.sink(OdourIntervalPoint.MEASUREMENT, InfluxSchema::odourInterval))
                .name("odour intervals");
        RiverRules.Outputs river = RiverRules.attach(evidence, registry, late);
        river.classified()
                .sinkTo(sinks.sink(TpClassPoint.MEASUREMENT, InfluxSchema::phosphorusClass))
                .name("TP classes");
        river.means()
                .sinkTo(sinks.sink(TpMeanPoint.MEASUREMENT, InfluxSchema::phosphorusMean))
                .name("TP means");
        river.months()
                .sinkTo(sinks.sink(TpMonthPoint.MEASUREMENT, InfluxSchema::stationMonth))
                .name("TP months");
        river.days()
                .sinkTo(sinks.sink(TpDayPoint.MEASUREMENT, InfluxSchema::stationDay))
                .name("TP days");
        river.attributions()
                .sinkTo(sinks.sink(TpAttributionPoint.MEASUREMENT, InfluxSchema::attribution))
                .name("TP attributions");
        late.stream()
                .sinkTo(sinks.sink(LateReadingPoint.MEASUREMENT, InfluxSchema::lateReading))
                .name("late readings");

        DataStream<Judgement> silence = SiteReadings.keyed(readings)
                .process(new SilenceDetector(registry))
                .uid("silence")
                .name("sensor silence");

        DataStream<Judgement> verdicts = noise.judgements().union(odour.judgements(), river.judgements(), silence);
        DataStream<Complaint> complaints =
                ComplaintRules.inEventTime(decoded.getSideOutput(DecodeReadings.COMPLAINTS), registry);
        // A complaint is stored once its evidence window has closed, with its outcome: writing it on
        // arrival too would race the outcome for the same point across concurrent writes.
        DataStream<ComplaintOutcome> outcomes = ComplaintRules.attach(complaints, verdicts, registry);
        outcomes.sinkTo(sinks.sink(ComplaintPoint.MEASUREMENT, schema::complaint))
                .name("complaint store");
        outcomes.keyBy(RepeatComplaints.byPlace(registry))
                .process(new RepeatComplaints(registry))
                .uid("repeat-complaints")
                .name("repeat complaints")
                .sinkTo(sinks.sink(RepeatCasePoint.MEASUREMENT, InfluxSchema::repeatCase))
                .name("repeat case store");

        DataStream<ComplaintLink> links = outcomes.flatMap(
                        new LinkToIncidents(registry.rules().complaints()))
                .name("complaints to incidents");
        DataStream<Incident> incidents = verdicts.keyBy(Judgement::key)
                .connect(links.keyBy(ComplaintLink::key))
                .process(new IncidentTracker(registry, NearbyBuildings.of(registry)))
                .uid("incidents")
                .name("incidents");
        incidents
                .sinkTo(sinks.sink(IncidentPoint.MEASUREMENT, schema::incident))
                .name("incident store");
        incidents
                .sinkTo(sinks.sink(DutyAlertPoint.MEASUREMENT, InfluxSchema::dutyAlert))
                .name("duty alert store");
    }

    public JobClient executeAsync(StreamExecutionEnvironment env) throws Exception {
        build(env);
        return env.executeAsync("EnvWatch");
    }
}
