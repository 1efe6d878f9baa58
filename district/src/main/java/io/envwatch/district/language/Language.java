package io.envwatch.district.language;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A language EnvWatch speaks to people in. The district chooses one for everything it says on its
 * own (notifications, boards, the console's first view); a person may choose another in the console,
 * and a citizen's browser chooses with {@code Accept-Language}.
 */
public enum Language {
    EN("en"),
    ZH_CN("zh-CN");

    private final String tag;
    private final Locale locale;

    Language(String tag) {
        this.tag = tag;
        this.locale = Locale.forLanguageTag(tag);
    }

    /** The BCP 47 tag, as settings, catalogues' file names and HTTP headers write it. */
    public String tag() {
        return tag;
    }

    public Locale locale() {
        return locale;
    }

    /**
     * The language a tag names: exactly ("zh-CN", "en"), or by its language and script where the
     * catalogue has one ("zh", "zh-Hans", "zh-Hans-CN" and "zh-SG" read Simplified Chinese; "en-GB" English).
     * Traditional Chinese ("zh-TW", "zh-HK", "zh-Hant") is not Simplified and is not taken for it.
     */
    public static Optional<Language> of(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        Locale asked = Locale.forLanguageTag(tag.strip());
        return switch (asked.getLanguage()) {
            case "en" -> Optional.of(EN);
            case "zh" -> traditional(asked) ? Optional.empty() : Optional.of(ZH_CN);
            default -> Optional.empty();
        };
    }

    private static boolean traditional(Locale l) {
        return "Hant".equals(l.getScript())
                || (l.getScript().isEmpty() && List.of("TW", "HK", "MO").contains(l.getCountry()));
    }

    /**
     * The caller's first choice EnvWatch speaks, by the weights of an {@code Accept-Language}
     * header; {@code fallback} (the district's) when the header is absent, malformed or names none.
     */
    public static Language fromAcceptLanguage(String header, Language fallback) {
        if (header == null || header.isBlank() || header.length() > 1000) {
            return fallback;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(header);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
        // parse() orders the ranges by weight, highest first, and drops q=0.
        for (Locale.LanguageRange range : ranges) {
            if (range.getRange().equals("*")) {
                return fallback;
            }
            Optional<Language> language = of(range.getRange());
            if (language.isPresent()) {
                return language.get();
            }
        }
        return fallback;
    }

    /** The tags, for a message that lists what a setting may be. */
    public static List<String> tags() {
        return Arrays.stream(values()).map(Language::tag).toList();
    }
}
