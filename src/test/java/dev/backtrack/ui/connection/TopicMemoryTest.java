package dev.backtrack.ui.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.browse.Position;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TopicMemoryTest {
    @Test
    void positionsSurviveTheirTextForm() {
        for (Position p : new Position[] {Position.BEGINNING, Position.END, new Position.AtOffset(42),
                new Position.AtTimestamp(Instant.parse("2026-01-02T03:04:05.678Z")), new Position.LastN(7)}) {
            assertThat(TopicMemory.position(TopicMemory.text(p))).isEqualTo(p);
        }
        assertThat(TopicMemory.text(Position.LIVE)).isEqualTo("end");
        assertThat(TopicMemory.position("offset:banana")).isEqualTo(Position.BEGINNING);
        assertThat(TopicMemory.format("AVRO")).isEqualTo(dev.backtrack.codec.Format.AVRO);
        assertThat(TopicMemory.format("AUTO")).isNull();
        assertThat(TopicMemory.format("NO_SUCH")).isNull();
    }
}
