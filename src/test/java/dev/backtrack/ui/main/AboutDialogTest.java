package dev.backtrack.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.BacktrackVersion;
import dev.backtrack.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class AboutDialogTest {
    @Test
    void aboutShowsThePomVersionLikeTheCommandLine() {
        assertThat(BacktrackVersion.get()).as("version filtered from the pom").matches("\\d+\\.\\d+\\.\\d+.*");
        StringWriter out = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "--version");
        assertThat(code).isZero();
        String cliFirstLine = out.toString().lines().findFirst().orElseThrow();
        assertThat(AboutDialog.text().lines().findFirst().orElseThrow()).isEqualTo(cliFirstLine.replace("backtrack", "Backtrack"));
        assertThat(AboutDialog.text()).contains("kafka-clients 4.3.1").contains("Java " + Runtime.version().feature());
    }
}
