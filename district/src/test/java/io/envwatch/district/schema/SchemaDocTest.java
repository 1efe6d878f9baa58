package io.envwatch.district.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SchemaDocTest {

    @Test
    void docsSchemaIsWhatTheSchemaGenerates() throws Exception {
        Path doc = Path.of("..", "docs", "schema.md");
        assertThat(Files.readString(doc))
                .as(
                        "docs/schema.md is stale: copy district/target/schema/schema.md over it (mvn -pl district install writes it)")
                .isEqualTo(Schema.toMarkdown());
    }
}
