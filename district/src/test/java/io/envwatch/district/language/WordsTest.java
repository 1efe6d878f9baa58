package io.envwatch.district.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ibm.icu.text.MessagePattern;
import io.envwatch.district.complaints.ComplaintCategory;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.registry.WaterClass;
import io.envwatch.district.rules.RuleId;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class WordsTest {
    private static final Map<String, String> EN = Words.catalogue(Language.EN);

    @Test
    void everyLanguageHasEveryKeyWithTheSameArguments() {
        for (Language language : Language.values()) {
            Map<String, String> other = Words.catalogue(language);
            assertThat(other.keySet()).as(language.tag() + " keys").containsExactlyInAnyOrderElementsOf(EN.keySet());
            for (String key : EN.keySet()) {
                assertThat(arguments(other.get(key)))
                        .as(language.tag() + " " + key)
                        .isEqualTo(arguments(EN.get(key)));
            }
        }
    }

    @Test
    void chineseWordsAreChinese() {
        // A value copied from English and never translated has no Han character (nor Chinese punctuation).
        Words.catalogue(Language.ZH_CN)
                .forEach((key, pattern) -> assertThat(pattern.codePoints()
                                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                                        || Character.UnicodeBlock.of(c)
                                                == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION))
                        .as("zh-CN " + key + ": " + pattern)
                        .isTrue());
    }

    @Test
    void everyTermTheDistrictNamesHasWords() {
        for (Language language : Language.values()) {
            Words words = Words.of(language);
            for (Quantity q : Quantity.values()) {
                assertThat(words.has("quantity." + q.wireName()))
                        .as(language + " " + q)
                        .isTrue();
            }
            for (ComplaintCategory c : ComplaintCategory.values()) {
                assertThat(words.has("complaint.category." + c.wireName()))
                        .as(language + " " + c)
                        .isTrue();
            }
            for (RuleId.Family f : RuleId.Family.values()) {
                String name = f.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
                assertThat(words.has("alert.kind." + name))
                        .as(language + " " + f)
                        .isTrue();
            }
            for (WaterClass w : WaterClass.values()) {
                assertThat(words.has("water.class." + w.wireName()))
                        .as(language + " " + w)
                        .isTrue();
            }
        }
    }

    @Test
    void formatsNamedArgumentsPhrasesAndNumbersInTheLanguage() {
        Phrase tooLong = Phrase.of("error.too-long", "field", "description", "max", 2000);
        assertThat(tooLong.in(Language.EN)).isEqualTo("description must be at most 2,000 characters");
        assertThat(tooLong.in(Language.ZH_CN)).isEqualTo("description 最多 2,000 个字符");
        Phrase notNow = Phrase.of(
                "refused.case.not-now.review", "id", "K-1", "state", Phrase.term("case.state.", "closed-out"));
        assertThat(notNow.in(Language.EN)).isEqualTo("case K-1 is closed out: it cannot be reviewed now");
        assertThat(notNow.in(Language.ZH_CN)).isEqualTo("案件 K-1 当前已销号，现在不能复核");
        assertThat(Phrase.term("alert.resolution.", "a-code-of-tomorrow").in(Language.ZH_CN))
                .isEqualTo("a-code-of-tomorrow");
        assertThat(Words.of(Language.EN).text("error.complaint.location"))
                .isEqualTo("give a location {lat, lon} or a building id");
        assertThat(Words.of(Language.ZH_CN)
                        .text(
                                "alert.summary.reading",
                                "peak",
                                "58.0 dB(A)",
                                "limit",
                                "55.0 dB(A)",
                                "period",
                                "night",
                                "now",
                                "56.1 dB(A)"))
                .isEqualTo("峰值 58.0 dB(A)，限值 55.0 dB(A)（夜间）；最新 56.1 dB(A)。");
    }

    @Test
    void aKeyNoCatalogueHasIsAProgrammingError() {
        assertThatThrownBy(() -> Words.of(Language.ZH_CN).text("no.such.key"))
                .isInstanceOf(Words.MissingWord.class)
                .hasMessageContaining("no.such.key");
    }

    @Test
    void readsTheCallersLanguageFromAcceptLanguage() {
        assertThat(Language.fromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8", Language.EN))
                .isEqualTo(Language.ZH_CN);
        assertThat(Language.fromAcceptLanguage("en-GB,en;q=0.9,zh-CN;q=0.5", Language.ZH_CN))
                .isEqualTo(Language.EN);
        assertThat(Language.fromAcceptLanguage("fr-FR, en;q=0.1", Language.ZH_CN))
                .isEqualTo(Language.EN);
        assertThat(Language.fromAcceptLanguage("zh-Hans", Language.EN)).isEqualTo(Language.ZH_CN);
        // Traditional Chinese is not Simplified: the district's language answers instead.
        assertThat(Language.fromAcceptLanguage("zh-TW", Language.EN)).isEqualTo(Language.EN);
        assertThat(Language.fromAcceptLanguage("de, fr;q=0.8", Language.ZH_CN)).isEqualTo(Language.ZH_CN);
        assertThat(Language.fromAcceptLanguage("*", Language.ZH_CN)).isEqualTo(Language.ZH_CN);
        assertThat(Language.fromAcceptLanguage("en;q=0, zh", Language.ZH_CN)).isEqualTo(Language.ZH_CN);
        assertThat(Language.fromAcceptLanguage(";;;=", Language.ZH_CN)).isEqualTo(Language.ZH_CN);
        assertThat(Language.fromAcceptLanguage(null, Language.EN)).isEqualTo(Language.EN);
        assertThat(Language.fromAcceptLanguage("en,".repeat(600), Language.ZH_CN))
                .isEqualTo(Language.ZH_CN);
    }

    private static Set<String> arguments(String pattern) {
        MessagePattern parsed = new MessagePattern(pattern);
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < parsed.countParts(); i++) {
            MessagePattern.Part part = parsed.getPart(i);
            if (part.getType() == MessagePattern.Part.Type.ARG_NAME) {
                names.add(parsed.getSubstring(part));
            }
        }
        return names;
    }
}
