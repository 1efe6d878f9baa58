package io.envwatch.alerting.web;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.envwatch.alerting.events.EventLog;
import io.envwatch.alerting.events.NotStored;
import io.envwatch.alerting.events.Refused;
import io.envwatch.district.InvalidField;
import io.envwatch.district.language.Language;
import io.envwatch.district.language.Phrase;
import io.envwatch.district.language.Words;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How every route of the duty API answers: JSON bodies, refusals naming their field, worker reads. */
public final class Answers {
    private static final Logger LOG = LoggerFactory.getLogger(Answers.class);
    /** Strict: a body with text after its JSON value, or a key given twice, is refused rather than half-read. */
    public static final ObjectMapper STRICT_JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Answers() {}

    public static void json(RoutingContext ctx, int status, Object body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(body.toString());
    }

    /** Where the router keeps the district's language, for callers who ask for none EnvWatch speaks. */
    public static final String DISTRICT_LANGUAGE = "envwatch.districtLanguage";

    /**
     * The words of the caller's language: their {@code Accept-Language}, the district's when they
     * name none EnvWatch speaks.
     */
    public static Words words(RoutingContext ctx) {
        Language district = ctx.get(DISTRICT_LANGUAGE);
        return Words.of(Language.fromAcceptLanguage(
                ctx.request().getHeader("Accept-Language"), district == null ? Language.EN : district));
    }

    /**
     * A refusal in the caller's language: {@code error} is its words, {@code problem} its catalogue
     * key (the same in every language, for programs).
     */
    public static void error(RoutingContext ctx, int status, Phrase what) {
        json(ctx, status, said(ctx, what));
    }

    /** As {@link #error(RoutingContext, int, Phrase)}, with the phrase's key and arguments given here. */
    public static void error(RoutingContext ctx, int status, String key, Object... nameValuePairs) {
        error(ctx, status, Phrase.of(key, nameValuePairs));
    }

    /** 400, with the field at fault. */
    public static void invalid(RoutingContext ctx, InvalidField e) {
        invalid(ctx, 400, e);
    }

    /** {@code status}, with the field at fault. */
    public static void invalid(RoutingContext ctx, int status, InvalidField e) {
        json(ctx, status, said(ctx, e.phrase()).put("field", e.field()));
    }

    private static JsonObject said(RoutingContext ctx, Phrase what) {
        return new JsonObject().put("error", what.in(words(ctx))).put("problem", what.key());
    }

    /**
     * The caller's address for per-client limits: the last X-Forwarded-For entry only behind a proxy
     * of the bureau's own (which appends it), the connection's address otherwise.
     */
    public static String clientAddress(RoutingContext ctx, boolean trustForwardedFor) {
        if (trustForwardedFor) {
            String forwarded = ctx.request().getHeader("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                String[] hops = forwarded.split(",");
                return hops[hops.length - 1].trim();
            }
        }
        return ctx.request().remoteAddress() == null
                ? "unknown"
                : ctx.request().remoteAddress().hostAddress();
    }

    /** The longest free text a person may give in a JSON body (a cause, a note, a tip). */
    static final int MAX_TEXT = 2000;

    /**
     * A JSON body that must be an object with none but the {@code known} fields (a misspelt field is
     * refused, naming it, rather than read as absent); an empty body is an empty object.
     */
    public static JsonNode jsonObject(RoutingContext ctx, String... known) {
        return jsonObject(body(ctx), known);
    }

    public static JsonNode jsonObject(byte[] bytes, String... known) {
        JsonNode json = jsonObject(bytes);
        Set<String> fields = Set.of(known);
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new InvalidField(name, "error.unknown-field", "known", String.join(", ", new TreeSet<>(fields)));
            }
        }
        return json;
    }

    /** The earliest month anything of EnvWatch's can be about. */
    public static final YearMonth FIRST_MONTH = YearMonth.of(2000, 1);

    /**
     * A month parameter ({@code yyyy-MM}), {@code fallback} when absent, refused outside 2000 to a
     * year from {@code current} (a month in the year +999999999 is a request, not a question).
     */
    public static YearMonth month(String given, YearMonth fallback, YearMonth current) {
        if (given == null) {
            return fallback;
        }
        YearMonth month;
        try {
            month = YearMonth.parse(given);
        } catch (DateTimeParseException e) {
            throw new InvalidField("month", "error.month-format");
        }
        if (month.isBefore(FIRST_MONTH) || month.isAfter(current.plusYears(1))) {
            throw new InvalidField(
                    "month",
                    "error.month-range",
                    "from",
                    FIRST_MONTH.toString(),
                    "to",
                    current.plusYears(1).toString());
        }
        return month;
    }

    /** A whole number from {@code min} to {@code max}; {@code fallback} when absent. 599.9 and "599" are refused. */
    public static long whole(JsonNode body, String field, long fallback, long min, long max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < min || node.asLong() > max) {
            throw new InvalidField(field, "error.whole-number", "min", min, "max", max);
        }
        return node.asLong();
    }

    private static JsonNode jsonObject(byte[] bytes) {
        JsonNode json;
        try {
            json = bytes.length == 0 ? STRICT_JSON.createObjectNode() : STRICT_JSON.readTree(bytes);
        } catch (IOException e) {
            throw new InvalidField("body", "error.not-json");
        }
        if (json == null || !json.isObject()) {
            throw new InvalidField("body", "error.not-object");
        }
        return json;
    }

    /** A text field, stripped; null when absent or blank; refused when not text or over {@link #MAX_TEXT}. */
    public static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidField(field, "error.not-text");
        }
        if (node.asText().length() > MAX_TEXT) {
            throw new InvalidField(field, "error.too-long", "max", MAX_TEXT);
        }
        return unseen(node.asText()) ? null : node.asText().strip();
    }

    /**
     * Whether a text shows nothing: only spaces and format characters (zero-width spaces and
     * joiners, direction marks), which Java's isBlank lets through.
     */
    public static boolean unseen(String text) {
        return text.codePoints()
                .allMatch(c -> Character.isWhitespace(c)
                        || Character.isSpaceChar(c)
                        || Character.getType(c) == Character.FORMAT
                        || Character.getType(c) == Character.CONTROL);
    }

    public static String required(JsonNode body, String field) {
        String value = text(body, field);
        if (value == null) {
            throw new InvalidField(field, "error.required");
        }
        return value;
    }

    /** The request's body bytes, empty when it has none. */
    public static byte[] body(RoutingContext ctx) {
        return ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    }

    /**
     * A body that could not be read. The body handler may fail a request more than once (a chunked
     * upload keeps arriving after it passed the limit): answer the first time only.
     */
    public static void failedBody(RoutingContext ctx, int limit) {
        if (ctx.response().headWritten()) {
            return;
        }
        if (ctx.failure() instanceof Refused
                || ctx.failure() instanceof NotStored
                || ctx.failure() instanceof InvalidField) {
            // Not the body's: the one failure handler answers these.
            ctx.next();
            return;
        }
        if (ctx.statusCode() == 413) {
            ctx.response().putHeader("Connection", "close");
            invalid(ctx, 413, new InvalidField("body", "error.body-too-large", "limit", limit));
        } else {
            invalid(ctx, new InvalidField("body", "error.body-unreadable"));
        }
    }

    /**
     * Runs a blocking InfluxDB read on Vert.x's worker pool and answers with its result, or with
     * 503 naming the store when InfluxDB does not answer.
     */
    public static <T> void fromWorker(Vertx vertx, RoutingContext ctx, String store, Callable<T> read) {
        vertx.executeBlocking(read).onComplete(result -> {
            if (result.succeeded()) {
                json(ctx, 200, result.result());
            } else {
                LOG.warn("{} query failed: {}", store, result.cause().getMessage());
                error(ctx, 503, "error.store-unavailable", "store", store);
            }
        });
    }

    /**
     * Answers with a ledger step's outcome: its view, or its failure handed to {@link #failed}.
     * The future completes on a ledger's thread; the answer is written on the request's context.
     */
    public static <T> void step(
            Vertx vertx, RoutingContext ctx, CompletableFuture<T> done, int status, Function<T, Object> view) {
        Future.fromCompletionStage(done, vertx.getOrCreateContext()).onComplete(result -> {
            if (result.succeeded()) {
                json(ctx, status, view.apply(result.result()));
            } else {
                ctx.fail(EventLog.cause(result.cause()));
            }
        });
    }

    /**
     * How every failed step is answered: a refusal by its reason, a store that failed it with 503,
     * a field a handler found wrong (thrown as {@link InvalidField}) with 400 naming it.
     */
    public static void failed(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            return;
        }
        Throwable failure = ctx.failure();
        if (failure instanceof Refused refused) {
            error(ctx, status(refused.reason()), refused.phrase());
        } else if (failure instanceof NotStored) {
            LOG.warn(
                    "{} {} not stored: {}",
                    ctx.request().method(),
                    ctx.request().path(),
                    failure.getMessage());
            error(ctx, 503, "error.not-stored");
        } else if (failure instanceof InvalidField invalid) {
            invalid(ctx, invalid);
        } else {
            ctx.next();
        }
    }

    public static int status(Refused.Reason reason) {
        return switch (reason) {
            case NOT_FOUND -> 404;
            case NOT_YOURS -> 403;
            case NOT_NOW -> 409;
            case NO_OWNER, NOT_THERE -> 422;
        };
    }
}
