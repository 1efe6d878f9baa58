package io.envwatch.infra.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Flink REST API as a submitter uses it: upload the job jar, run it with program arguments
 * (from a savepoint, at a parallelism), watch it, stop it with a savepoint, read its checkpoints.
 */
public final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public FlinkRest(String base) {
        this.base = base.replaceAll("/+$", "");
    }

    /** Registered TaskManagers and free slots, or empty while the JobManager's REST endpoint is not up. */
    public java.util.Optional<JsonNode> overview() {
        try {
            return java.util.Optional.of(get("/overview"));
        } catch (UncheckedIOException e) {
            return java.util.Optional.empty();
        }
    }

    /** Waits until the cluster offers at least this many task slots. */
    public void awaitSlots(int slots, Duration timeout) {
        await(
                "a cluster with " + slots + " task slots at " + base,
                timeout,
                () -> overview()
                        .map(o -> o.path("slots-total").asInt() >= slots)
                        .orElse(false));
    }

    /** Uploads a jar; its id for {@link #run}. */
    public String upload(Path jar) {
        String boundary = "envwatch-" + UUID.randomUUID();
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                            + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(jar));
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            JsonNode answer = send(HttpRequest.newBuilder(URI.create(base + "/jars/upload"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
            String file = answer.path("filename").asText();
            return file.substring(file.lastIndexOf('/') + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs an uploaded jar's main with these arguments; the new job's id. {@code parallelism} 0
     * leaves it to the job and the cluster; {@code savepoint} null starts without one.
     */
    public String run(String jarId, List<String> args, int parallelism, String savepoint) {
        ObjectNode request = JSON.createObjectNode();
        request.putArray("programArgsList")
                .addAll(args.stream().map(JSON.getNodeFactory()::textNode).toList());
        if (parallelism > 0) {
            request.put("parallelism", parallelism);
        }
        if (savepoint != null) {
            request.put("savepointPath", savepoint);
        }
        return post("/jars/" + jarId + "/run", request).path("jobid").asText();
    }

    public JsonNode job(String jobId) {
        return get("/jobs/" + jobId);
    }

    public String state(String jobId) {
        return job(jobId).path("state").asText();
    }

    /** Each vertex's name and parallelism. */
    public Map<String, Integer> parallelism(String jobId) {
        Map<String, Integer> byVertex = new LinkedHashMap<>();
        job(jobId)
                .path("vertices")
                .forEach(v -> byVertex.put(
                        v.path("name").asText(), v.path("parallelism").asInt()));
        return byVertex;
    }

    /** Whether every vertex of the job is running (all its subtasks deployed and started). */
    public boolean allRunning(String jobId) {
        JsonNode job = job(jobId);
        if (!job.path("state").asText().equals("RUNNING")) {
            return false;
        }
        for (JsonNode vertex : job.path("vertices")) {
            if (!vertex.path("status").asText().equals("RUNNING")) {
                return false;
            }
        }
        return true;
    }

    /** The TaskManagers (by id) running subtasks of the job's vertex whose name starts so. */
    public List<String> taskManagersOf(String jobId, String vertexNamePrefix) {
        List<String> ids = new ArrayList<>();
        for (JsonNode vertex : job(jobId).path("vertices")) {
            if (vertex.path("name").asText().startsWith(vertexNamePrefix)) {
                get("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/taskmanagers")
                        .path("taskmanagers")
                        .forEach(t -> ids.add(t.path("taskmanager-id").asText()));
            }
        }
        return ids;
    }

    /** The job's checkpoint statistics (counts, latest completed, history). */
    public JsonNode checkpoints(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    public long completedCheckpoints(String jobId) {
        return checkpoints(jobId).path("counts").path("completed").asLong();
    }

    /** Stops the job with a savepoint in the folder (no drain: event time is not pushed to its end); the savepoint's path. */
    public String stopWithSavepoint(String jobId, String directory, Duration timeout) {
        ObjectNode request = JSON.createObjectNode();
        request.put("targetDirectory", directory);
        request.put("drain", false);
        String trigger =
                post("/jobs/" + jobId + "/stop", request).path("request-id").asText();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            JsonNode status = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if (status.path("status").path("id").asText().equals("COMPLETED")) {
                JsonNode operation = status.path("operation");
                if (operation.has("failure-cause")) {
                    throw new IllegalStateException("savepoint of " + jobId + " failed: "
                            + operation
                                    .path("failure-cause")
                                    .path("stack-trace")
                                    .asText()
                                    .lines()
                                    .findFirst()
                                    .orElse(""));
                }
                return operation.path("location").asText();
            }
            sleep(200);
        }
        throw new IllegalStateException("no savepoint of " + jobId + " within " + timeout);
    }

    public void cancel(String jobId) {
        send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()));
    }

    /** The ids of the TaskManagers the JobManager knows. */
    public List<String> taskManagers() {
        List<String> ids = new ArrayList<>();
        get("/taskmanagers")
                .path("taskmanagers")
                .forEach(t -> ids.add(t.path("id").asText()));
        return ids;
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private JsonNode post(String path, JsonNode body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (response.statusCode() >= 300) {
                throw new RestError(
                        response.statusCode(),
                        response.request().method() + " "
                                + response.request().uri().getPath() + ": " + response.statusCode() + " "
                                + body.path("errors"));
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The REST API refused a request; the message carries Flink's errors (a failed main's exception among them). */
    public static final class RestError extends IllegalStateException {
        private final int status;

        RestError(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** Polls until the condition holds; fails naming what it waited for. */
    public static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // not yet: a REST endpoint still starting, a job between states
            }
            sleep(250);
        }
        throw new IllegalStateException("gave up waiting for " + what + " after " + timeout.toSeconds() + " s");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
