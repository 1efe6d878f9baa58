package io.envwatch.alerting.api;

/** A request parameter that cannot be served, with its name: answered 400 with that field. */
public final class BadRequest extends IllegalArgumentException {
    private final String field;

    public BadRequest(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
