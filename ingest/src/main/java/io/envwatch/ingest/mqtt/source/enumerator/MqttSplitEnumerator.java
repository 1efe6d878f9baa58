package io.envwatch.ingest.mqtt.source.enumerator;

import io.envwatch.ingest.mqtt.source.split.MqttSplit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the job's MQTT sessions on its first start and hands each to the reader of the same index
 * (wrapping round when there are fewer readers); after a restart, sessions come back from reader
 * state or through {@link #addSplitsBack}, keep their client ids, and so keep their unacknowledged
 * messages.
 *
 * <p>A first start is one without state, which is also a start after {@code --restore none} or
 * with a new checkpoint folder. Sessions an earlier run left on the broker under the same prefix
 * hold whatever their gateways published since, so the job keeps as many sessions as it finds
 * there, whatever its parallelism now; only with none found does it make one per reader. Fewer
 * would orphan the rest (the broker keeps queueing for them until they expire), more would move
 * topics between sessions.
 */
public final class MqttSplitEnumerator implements SplitEnumerator<MqttSplit, MqttEnumeratorState> {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSplitEnumerator.class);

    private final SplitEnumeratorContext<MqttSplit> context;
    private final String clientIdPrefix;
    private final List<MqttSplit> unassigned;
    private final SessionCount onTheBroker;
    private boolean created;

    /** The sessions an earlier run left on the broker under the job's prefix. */
    @FunctionalInterface
    public interface SessionCount {
        int existing() throws Exception;
    }

    public MqttSplitEnumerator(
            SplitEnumeratorContext<MqttSplit> context,
            String clientIdPrefix,
            MqttEnumeratorState restored,
            SessionCount onTheBroker) {
        this.context = context;
        this.clientIdPrefix = clientIdPrefix;
        this.unassigned = new ArrayList<>(restored == null ? List.of() : restored.unassigned());
        this.created = restored != null && restored.created();
        this.onTheBroker = onTheBroker;
    }

    /** The sessions on the broker under the source's prefix, found by connecting to each in turn. */
    public static SessionCount onTheBroker(io.envwatch.ingest.mqtt.source.MqttSourceConfig config) {
        return new SessionsOnTheBroker(config);
    }

    @Override
    public void start() {
        if (!created) {
            int readers = context.currentParallelism();
            int found;
            try {
                found = onTheBroker.existing();
            } catch (Exception e) {
                throw new IllegalStateException(
                        "MQTT source: cannot ask the broker which sessions of " + clientIdPrefix
                                + " it holds (" + e.getMessage()
                                + "); not starting without knowing, or readings queued for them"
                                + " would be left unread",
                        e);
            }
            int sessions = found > 0 ? found : readers;
            for (int i = 0; i < sessions; i++) {
                unassigned.add(new MqttSplit(clientIdPrefix + "-" + i, i, sessions));
            }
            created = true;
            if (found > 0) {
                LOG.info(
                        "MQTT source: {} session(s) of an earlier run found on the broker ({}-0..{}); keeping them all,"
                                + " for {} reader(s), so that none keeps readings no reader takes",
                        sessions,
                        clientIdPrefix,
                        sessions - 1,
                        readers);
            } else {
                LOG.info(
                        "MQTT source: {} session(s) created with client ids {}-0..{}",
                        sessions,
                        clientIdPrefix,
                        sessions - 1);
            }
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

    /**
     * Hands a reader all its sessions in one assignment: the reader's event time is the earliest of
     * its sessions' from their assignment on, and a session handed over in a later event would not
     * count yet if a watermark went out between the two.
     */
    private void assign(int subtaskId) {
        int parallelism = context.currentParallelism();
        List<MqttSplit> owned = new ArrayList<>();
        Iterator<MqttSplit> it = unassigned.iterator();
        while (it.hasNext()) {
            MqttSplit split = it.next();
            if (ownerOf(split, parallelism) == subtaskId) {
                owned.add(split);
                it.remove();
            }
        }
        if (!owned.isEmpty()) {
            context.assignSplits(new SplitsAssignment<>(Map.of(subtaskId, owned)));
            LOG.info(
                    "MQTT source: session(s) {} assigned to reader {}",
                    owned.stream().map(MqttSplit::clientId).toList(),
                    subtaskId);
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
