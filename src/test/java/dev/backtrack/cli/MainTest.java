package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void aRunBuildsOnlyTheSubcommandItNames() {
        assertThat(Main.commandLineFor("replay", "orders", "--to", "copy").getSubcommands()).containsOnlyKeys("replay");
        assertThat(Main.commandLineFor("--verbose", "dlt", "list", "orders.DLT").getSubcommands()).containsOnlyKeys("dlt");
    }

    @Test
    void helpAndUnknownWordsGetTheWholeTree() {
        int all = Main.SUBCOMMANDS.size();
        assertThat(Main.commandLineFor("--help").getSubcommands()).hasSize(all);
        assertThat(Main.commandLineFor().getSubcommands()).hasSize(all);
        assertThat(Main.commandLineFor("replya", "orders").getSubcommands()).hasSize(all);
    }

    @Test
    void aMistypedSubcommandIsAUsageErrorWithASuggestion() {
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "replya", "orders");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("replay");
    }

    @Test
    void subcommandHelpStillNamesTheRoot() {
        StringWriter out = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "replay", "--help");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("Usage: backtrack replay");
    }
}
