package io.envwatch.district;

import io.envwatch.district.language.Phrase;

/**
 * Input that cannot be accepted, naming the field at fault: a complaint's body, a query parameter,
 * a command's note. The duty service answers it as a 400 with {@code error} (the phrase in the
 * caller's language) and {@code field}; the domain code that throws it knows nothing of HTTP.
 */
public final class InvalidField extends IllegalArgumentException {
    private final String field;
    private final transient Phrase phrase;

    /**
     * @param key the catalogue key of what is wrong ({@code error.*})
     * @param nameValuePairs its arguments; {@code field} is one of them always
     */
    public InvalidField(String field, String key, Object... nameValuePairs) {
        this(field, withField(field, Phrase.of(key, nameValuePairs)));
    }

    private InvalidField(String field, Phrase phrase) {
        super(phrase.toString());
        this.field = field;
        this.phrase = phrase;
    }

    private static Phrase withField(String field, Phrase phrase) {
        var arguments = new java.util.LinkedHashMap<String, Object>(phrase.arguments());
        arguments.putIfAbsent("field", field);
        return new Phrase(phrase.key(), arguments);
    }

    public String field() {
        return field;
    }

    /** What is wrong, to be said in the reader's language. */
    public Phrase phrase() {
        return phrase;
    }
}
