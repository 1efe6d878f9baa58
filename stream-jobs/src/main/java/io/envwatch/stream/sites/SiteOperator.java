package io.envwatch.stream.sites;

import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.Registry;
import io.envwatch.stream.incidents.Judgement;
import io.envwatch.stream.noise.LaeqInterval;
import io.envwatch.stream.noise.SiteNoise;
import io.envwatch.stream.readings.ReaderIdleness;
import io.envwatch.stream.readings.ReadingIdentity;
import io.envwatch.stream.readings.SiteReadings;
import io.envwatch.stream.silence.SilenceDetector;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.DefaultOpenContext;
import org.apache.flink.api.common.functions.util.FunctionUtils;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.SimpleTimerService;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.graph.StreamConfig;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.StreamTask;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Everything kept per site that reads the site's readings, in one keyed operator: each reading once
 * ({@link ReadingIdentity}), then the noise rules ({@link SiteNoise}, evidence only) and the
 * silence watch ({@link SilenceDetector}, every reading), each with its own state and timers.
 *
 * <p>Why one operator: as three chained keyed operators, each set the site as its state backend's
 * key for every reading and counted it in and out, which was a sixth of the by-site task at
 * 150,000 readings/s (BENCHMARKS.md, "one operator per site"). Here the key is set once a reading.
 * The three functions are unchanged and are tested alone with Flink's harnesses; this operator is
 * only their wiring: each has its own timer service, so a timer reaches the function that set it
 * and no other, as when they were operators of their own.
 *
 * <p>Outputs: each reading once on the main output; {@link ReadingIdentity#CONFLICTS};
 * {@link #LAEQ}, {@link SiteNoise#VERDICTS} and {@link SiteNoise#late(Duration)}; {@link #SILENCE}.
 * Each output carries the time of the reading or timer that made it, as a process function's does.
 *
 * <p>It is where the readers' idleness stops ({@link ReaderIdleness}): it passes watermarks on and
 * never idleness.
 */
public final class SiteOperator extends AbstractStreamOperator<Reading>
        implements OneInputStreamOperator<Reading, Reading>, ReaderIdleness.StopsIdleness {
    public static final OutputTag<LaeqInterval> LAEQ =
            new OutputTag<>("laeq-intervals", TypeInformation.of(LaeqInterval.class));
    public static final OutputTag<Judgement> SILENCE = new OutputTag<>("silence-verdicts") {};
    /**
     * The identity's timers keep the name a process function's timers have, so that the identities
     * and their timers restore from a checkpoint of the identity as an operator of its own.
     */
    static final String IDENTITY_TIMERS = "user-timers";

    static final String NOISE_TIMERS = "noise-timers";
    static final String SILENCE_TIMERS = "silence-timers";

    private final ReadingIdentity identityRule;
    private final SiteNoise noiseRules;
    private final SilenceDetector silenceRule;
    private transient Part<Reading> identity;
    private transient Part<LaeqInterval> noise;
    private transient Part<Judgement> silence;
    /** The main output's record, reused: the readings taken once. */
    private transient StreamRecord<Reading> taken;

    /**
     * The readings keyed by site through this operator: each once on the returned stream, the
     * rules' outputs on its side outputs. Its uid is the identity's when it was an operator of its
     * own, whose state and timers it restores.
     */
    public static SingleOutputStreamOperator<Reading> attach(DataStream<Reading> readings, Registry registry) {
        List<Duration> lengths = registry.rules().noise().intervalDurations();
        String laeq = lengths.stream().map(l -> "LAeq " + l).collect(Collectors.joining(", "));
        return readings.keyBy(SiteReadings.SITE, Types.STRING)
                .transform(
                        "readings by site, each once; noise (" + laeq + ", night maximum); sensor silence",
                        readings.getType(),
                        new SiteOperator(registry, lengths))
                .uid("readings-by-site");
    }

    public SiteOperator(Registry registry, List<Duration> noiseLengths) {
        this(new ReadingIdentity(registry), new SiteNoise(registry, noiseLengths), new SilenceDetector(registry));
    }

    SiteOperator(ReadingIdentity identity, SiteNoise noise, SilenceDetector silence) {
        this.identityRule = identity;
        this.noiseRules = noise;
        this.silenceRule = silence;
    }

    @Override
    protected void setup(StreamTask<?, ?> task, StreamConfig config, Output<StreamRecord<Reading>> output) {
        super.setup(task, config, output);
        identity = new Part<>(identityRule, IDENTITY_TIMERS, this::take);
        noise = new Part<>(noiseRules, NOISE_TIMERS, this::emitLaeq);
        silence = new Part<>(silenceRule, SILENCE_TIMERS, this::emitSilence);
        for (Part<?> part : parts()) {
            FunctionUtils.setFunctionRuntimeContext(part.function, getRuntimeContext());
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        taken = new StreamRecord<>(null);
        for (Part<?> part : parts()) {
            part.open();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            for (Part<?> part : parts()) {
                FunctionUtils.closeFunction(part.function);
            }
        } finally {
            super.close();
        }
    }

    private List<Part<?>> parts() {
        return List.of(identity, noise, silence);
    }

    @Override
    public void processElement(StreamRecord<Reading> element) throws Exception {
        identity.process(element.getValue(), element.hasTimestamp() ? element.getTimestamp() : null);
    }

    /** A reading the identity let through: stored, judged by the noise rules if evidence, watched. */
    private void take(Reading reading) {
        Long time = identity.time;
        if (time == null) {
            taken.eraseTimestamp();
        } else {
            taken.setTimestamp(time);
        }
        output.collect(taken.replace(reading));
        try {
            if (reading.evidence()) {
                noise.process(reading, time);
            }
            silence.process(reading, time);
        } catch (Exception e) {
            throw new IllegalStateException("site " + reading.site + ": " + e.getMessage(), e);
        }
    }

    private void emitLaeq(LaeqInterval interval) {
        noise.output(LAEQ, interval);
    }

    private void emitSilence(Judgement verdict) {
        silence.output(SILENCE, verdict);
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) {}

    /**
     * One function with its timers and its context: what a process function's operator gives it,
     * the timers under a name of their own.
     */
    private final class Part<O> extends KeyedProcessFunction<String, Reading, O>.OnTimerContext
            implements Triggerable<String, VoidNamespace> {
        final KeyedProcessFunction<String, Reading, O> function;
        private final String timerName;
        private final Collector<O> out;
        private TimerService timers;
        /** The time of the reading or timer being taken, null for a reading without one. */
        private Long time;

        Part(KeyedProcessFunction<String, Reading, O> function, String timerName, Emit<O> emit) {
            function.super();
            this.function = function;
            this.timerName = timerName;
            this.out = new Collector<>() {
                @Override
                public void collect(O record) {
                    emit.emit(record);
                }

                @Override
                public void close() {}
            };
        }

        void open() throws Exception {
            timers = new SimpleTimerService(getInternalTimerService(timerName, VoidNamespaceSerializer.INSTANCE, this));
            FunctionUtils.openFunction(function, DefaultOpenContext.INSTANCE);
        }

        void process(Reading reading, Long time) throws Exception {
            this.time = time;
            function.processElement(reading, this, out);
        }

        @Override
        public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
            time = timer.getTimestamp();
            function.onTimer(timer.getTimestamp(), this, out);
        }

        @Override
        public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {
            throw new IllegalStateException("the per-site functions set event-time timers only: " + timerName);
        }

        @Override
        public Long timestamp() {
            return time;
        }

        @Override
        public TimerService timerService() {
            return timers;
        }

        @Override
        public <X> void output(OutputTag<X> tag, X value) {
            SiteOperator.this.output.collect(
                    tag, time == null ? new StreamRecord<>(value) : new StreamRecord<>(value, time));
        }

        @Override
        public String getCurrentKey() {
            return (String) SiteOperator.this.getCurrentKey();
        }

        @Override
        public TimeDomain timeDomain() {
            return TimeDomain.EVENT_TIME;
        }
    }

    @FunctionalInterface
    private interface Emit<O> {
        void emit(O record);
    }
}
