package io.envwatch.district;

/**
 * Input that cannot be accepted, naming the field at fault: a complaint's body, a query parameter,
 * a command's note. The duty service answers it as a 400 with {@code error} and {@code field}; the
 * domain code that throws it knows nothing of HTTP.
 */
public final class InvalidField extends IllegalArgumentException {
    private final String field;

    public InvalidField(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
