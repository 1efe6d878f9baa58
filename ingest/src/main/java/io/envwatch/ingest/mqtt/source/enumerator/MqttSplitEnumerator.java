package io.envwatch.ingest.mqtt.source.enumerator;

import io.envwatch.ingest.mqtt.source.split.MqttSplit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates one MQTT session per reader on the job's first start and hands each to the reader of the
 * same index; after a restart, sessions come back from reader state or through
 * {@link #addSplitsBack}, keep their client ids, and so keep their unacknowledged messages.
 */
public final class MqttSplitEnumerator implements SplitEnumerator<MqttSplit, MqttEnumeratorState> {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSplitEnumerator.class);

    private final SplitEnumeratorContext<MqttSplit> context;
    private final String clientIdPrefix;
    private final List<MqttSplit> unassigned;
    private boolean created;

    public MqttSplitEnumerator(SplitEnumeratorContext<MqttSplit> context, String clientIdPrefix,
            MqttEnumeratorState restored) {
        this.context = context;
        this.clientIdPrefix = clientIdPrefix;
        this.unassigned = new ArrayList<>(restored == null ? List.of() : restored.unassigned());
        this.created = restored != null && restored.created();
    }

    @Override
    public void start() {
        if (!created) {
            int sessions = context.currentParallelism();
            for (int i = 0; i < sessions; i++) {
                unassigned.add(new MqttSplit(clientIdPrefix + "-" + i, i, sessions));
            }
            created = true;
            LOG.info("MQTT source: {} session(s) created with client ids {}-0..{}", unassigned.size(), clientIdPrefix,
                    unassigned.size() - 1);
        }
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // Splits are pushed on registration; readers never ask.
    }

    @Override
    public void addSplitsBack(List<MqttSplit> splits, int subtaskId) {
        unassigned.addAll(splits);
        if (context.registeredReaders().containsKey(subtaskId)) {
            assign(subtaskId);
        }
    }

    @Override
    public void addReader(int subtaskId) {
        assign(subtaskId);
    }

    private void assign(int subtaskId) {
        int parallelism = context.currentParallelism();
        Iterator<MqttSplit> it = unassigned.iterator();
        while (it.hasNext()) {
            MqttSplit split = it.next();
            if (ownerOf(split, parallelism) == subtaskId) {
                context.assignSplit(split, subtaskId);
                LOG.info("MQTT source: session {} assigned to reader {}", split.clientId(), subtaskId);
                it.remove();
            }
        }
    }

    /** The reader of the split's own index; sessions beyond the parallelism (after downscaling) wrap round. */
    private int ownerOf(MqttSplit split, int parallelism) {
        return split.index() % parallelism;
    }

    @Override
    public MqttEnumeratorState snapshotState(long checkpointId) {
        return new MqttEnumeratorState(created, unassigned);
    }

    @Override
    public void close() {}
}
