package io.envwatch.district.language;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything EnvWatch says to a person, in one language: a catalogue of ICU messages
 * ({@code words/<tag>.yaml} on the classpath, the same files the console and the board generator
 * read), formatted with ICU4J (named arguments, plurals, numbers in the reader's language). Code
 * names a key and its arguments; it never holds the words.
 */
public final class Words {
    private static final Map<Language, Words> LOADED = new EnumMap<>(Language.class);

    private final Language language;
    private final Map<String, String> patterns;
    private final Map<String, MessageFormat> compiled = new ConcurrentHashMap<>();

    private Words(Language language, Map<String, String> patterns) {
        this.language = language;
        this.patterns = patterns;
    }

    /** The catalogue of a language, read once. */
    public static synchronized Words of(Language language) {
        return LOADED.computeIfAbsent(language, l -> new Words(l, catalogue(l)));
    }

    /** The catalogue's keys and ICU patterns, in the file's order. */
    public static Map<String, String> catalogue(Language language) {
        String resource = "/words/" + language.tag() + ".yaml";
        try (InputStream in = Words.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no word catalogue " + resource + " on the classpath");
            }
            Map<String, String> read = new ObjectMapper(new YAMLFactory())
                    .readValue(in, new TypeReference<LinkedHashMap<String, String>>() {});
            return Collections.unmodifiableMap(read);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the word catalogue " + resource, e);
        }
    }

    public Language language() {
        return language;
    }

    public boolean has(String key) {
        return patterns.containsKey(key);
    }

    /**
     * The words of {@code key} with its named arguments, given as name-value pairs:
     * {@code text("error.too-long", "field", "note", "max", 2000)}.
     *
     * @throws MissingWord for a key the catalogue lacks: the catalogues' tests hold every key the
     *     code names, so this is a programming error, not a reader's.
     */
    public String text(String key, Object... nameValuePairs) {
        return Phrase.of(key, nameValuePairs).in(this);
    }

    public String text(String key, Map<String, Object> arguments) {
        MessageFormat format = compiled.computeIfAbsent(key, k -> {
            String pattern = patterns.get(k);
            if (pattern == null) {
                throw new MissingWord(language, k);
            }
            return new MessageFormat(pattern, ULocale.forLocale(language.locale()));
        });
        // An argument may itself be words (a state's name inside a refusal): said in this language.
        Map<String, Object> said = new LinkedHashMap<>();
        arguments.forEach((name, value) -> said.put(name, value instanceof Sayable s ? s.in(this) : value));
        // A MessageFormat keeps state while formatting: each call formats with its own copy.
        return ((MessageFormat) format.clone()).format(said);
    }

    /**
     * The name of a term ({@code prefix + wireName}, e.g. {@code alert.state.on-scene}), or the wire
     * name itself for one no catalogue knows (a resolution code a newer service wrote).
     */
    public String term(String prefix, String wireName) {
        if (wireName == null) {
            return "";
        }
        return has(prefix + wireName) ? text(prefix + wireName) : wireName;
    }

    /** A key the code names and the catalogue lacks. */
    public static final class MissingWord extends IllegalStateException {
        MissingWord(Language language, String key) {
            super("the " + language.tag() + " word catalogue has no " + key);
        }
    }
}
