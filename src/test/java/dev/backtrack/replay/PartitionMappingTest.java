package dev.backtrack.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionMappingTest {
    @Test
    void theTargetPartitionsAJobWrites() {
        assertThat(PartitionMapping.targets(PartitionMapping.SAME, List.of(0, 2), 6)).containsExactlyInAnyOrder(0, 2);
        assertThat(PartitionMapping.targets(new PartitionMapping.Fixed(4), List.of(0, 1, 2), 6)).containsExactly(4);
        assertThat(PartitionMapping.targets(PartitionMapping.BY_KEY, List.of(0), 4)).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(PartitionMapping.targets(PartitionMapping.ROUND_ROBIN, List.of(0), 3)).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void parsesWhatTheCommandLineTakes() {
        assertThat(PartitionMapping.parse("same")).isEqualTo(PartitionMapping.SAME);
        assertThat(PartitionMapping.parse(" Key ")).isEqualTo(PartitionMapping.BY_KEY);
        assertThat(PartitionMapping.parse("round-robin")).isEqualTo(PartitionMapping.ROUND_ROBIN);
        assertThat(PartitionMapping.parse("fixed:3")).isEqualTo(new PartitionMapping.Fixed(3));
        assertThatThrownBy(() -> PartitionMapping.parse("fixed:x")).hasMessageContaining("fixed:N needs a partition number");
        assertThatThrownBy(() -> PartitionMapping.parse("random")).hasMessageContaining("same, key, round-robin or fixed:N");
    }
}
