package dev.backtrack.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine never depends on JavaFX, the UI or the CLI; the CLI does not touch JavaFX directly. */
class LayeringTest {
    private static final String[] ENGINE = {
        "dev.backtrack.profile..", "dev.backtrack.kafka..", "dev.backtrack.browse..", "dev.backtrack.codec..",
        "dev.backtrack.filter..", "dev.backtrack.replay..", "dev.backtrack.redrive..", "dev.backtrack.archive..",
        "dev.backtrack.sandbox..", "dev.backtrack.produce..", "dev.backtrack.history.."};
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // the build dir may be anywhere (-Dbacktrack.build.dir), so tests are recognised by their test-classes folder
        ImportOption noTests = location -> !location.contains("/test-classes/");
        classes = new ClassFileImporter().withImportOption(noTests)
                .importPackages("dev.backtrack");
    }

    @Test
    void engineDoesNotUseJavaFx() {
        noClasses().that().resideInAnyPackage(ENGINE).should().dependOnClassesThat()
                .resideInAnyPackage("javafx..", "atlantafx..", "org.fxmisc..", "org.kordamp.ikonli..")
                .check(classes);
    }

    @Test
    void engineDoesNotUseUiOrCli() {
        noClasses().that().resideInAnyPackage(ENGINE).should().dependOnClassesThat()
                .resideInAnyPackage("dev.backtrack.ui..", "dev.backtrack.cli..")
                .check(classes);
    }

    @Test
    void cliDoesNotUseJavaFxDirectly() {
        // the app command starts JavaFX through ui.main.AppStarter, so other commands never load it
        noClasses().that().resideInAPackage("dev.backtrack.cli..").should().dependOnClassesThat()
                .resideInAnyPackage("javafx..")
                .check(classes);
    }

    @Test
    void uiDoesNotDependOnCli() {
        noClasses().that().resideInAPackage("dev.backtrack.ui..").should().dependOnClassesThat()
                .resideInAPackage("dev.backtrack.cli..")
                .check(classes);
    }
}
