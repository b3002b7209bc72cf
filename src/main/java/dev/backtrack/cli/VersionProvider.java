package dev.backtrack.cli;

import dev.backtrack.BacktrackVersion;
import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"backtrack " + BacktrackVersion.get(), "Java " + Runtime.version() + ", kafka-clients "
                + org.apache.kafka.common.utils.AppInfoParser.getVersion()};
    }
}
