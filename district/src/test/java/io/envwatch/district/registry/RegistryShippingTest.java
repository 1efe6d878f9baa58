package io.envwatch.district.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class RegistryShippingTest {
    @Test
    void everyCopyOfOneRegistryDeserialisesAsTheSameRegistry() throws Exception {
        Registry original = RegistryLoader.sample();
        byte[] first = serialise(original);
        byte[] second = serialise(RegistryLoader.sample()); // parsed again, same text
        Registry a = deserialise(first);
        Registry b = deserialise(second);
        assertThat(b).isSameAs(a).isNotSameAs(original);
        assertThat(a.sites()).isEqualTo(original.sites());
        assertThat(a.buildings()).isEqualTo(original.buildings());
        assertThat(a.rules()).isEqualTo(original.rules());
        assertThat(a.river()).isEqualTo(original.river());
        assertThat(a.teams()).isEqualTo(original.teams());
        assertThat(a.localTime()).isEqualTo(original.localTime());
        assertThat(a.limits()
                        .concentration(
                                a.site("FE-O01").orElseThrow(),
                                io.envwatch.district.readings.Quantity.fromWire("h2s")
                                        .orElseThrow()))
                .isEqualTo(original.limits()
                        .concentration(
                                original.site("FE-O01").orElseThrow(),
                                io.envwatch.district.readings.Quantity.fromWire("h2s")
                                        .orElseThrow()));
        // Shipped again from a deserialised copy, it is still the same registry.
        assertThat(deserialise(serialise(a))).isSameAs(a);
    }

    @Test
    void registriesOfDifferentTextStayApart() throws Exception {
        Registry plain = deserialise(serialise(RegistryLoader.sample()));
        Registry strict = deserialise(serialise(RegistryLoader.parse(
                "stricter", RegistryLoader.sampleText() + "\nrules:\n  noise:\n    openAfter: 7\n")));
        assertThat(strict).isNotSameAs(plain);
        assertThat(strict.rules().noise().openAfter()).isEqualTo(7);
        assertThat(plain.rules().noise().openAfter()).isEqualTo(3);
    }

    @Test
    void aCopyIsItsDeflatedTextNotItsObjectGraph() throws Exception {
        Registry sample = RegistryLoader.sample();
        int text = RegistryLoader.sampleText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertThat(sample.shippedBytes()).isLessThan(text / 3);
        assertThat(serialise(sample).length).isLessThan(sample.shippedBytes() + 1_024);
    }

    private static byte[] serialise(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static Registry deserialise(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (Registry) in.readObject();
        }
    }
}
