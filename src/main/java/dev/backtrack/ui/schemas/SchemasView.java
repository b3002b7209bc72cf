package dev.backtrack.ui.schemas;

import dev.backtrack.codec.SchemaBrowser;
import dev.backtrack.codec.SchemaInfo;
import dev.backtrack.codec.SchemaReference;
import dev.backtrack.ui.common.Icons;
import java.util.List;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.kordamp.ikonli.feather.Feather;

/**
 * The "Schemas" view: subjects on the left; on the right the shown version (selectable), its type, id,
 * compatibility level, references and the topics using it, the highlighted schema text, and a compatibility
 * check editor. A connection without a registry shows an empty state instead.
 */
public final class SchemasView extends StackPane {
    private final SchemasViewModel vm;
    private final ListView<String> subjects = new ListView<>();
    private final ComboBox<Integer> version = new ComboBox<>();
    private final CodeArea schemaText = SchemaEditor.area("schema-text", false);
    private final CodeArea editor = SchemaEditor.area("schema-check-editor", true);
    private final TabPane tabs = new TabPane();
    private boolean updating;

    public SchemasView(SchemasViewModel vm) {
        this.vm = vm;
        setId("schemas-view");
        getStyleClass().add("schemas-view");
        if (!vm.available()) {
            getChildren().setAll(emptyState());
            return;
        }
        SplitPane split = new SplitPane(subjectsPane(), detailPane());
        split.setDividerPositions(0.24);
        SplitPane.setResizableWithParent(split.getItems().getFirst(), false);
        getChildren().setAll(split);
        vm.shownProperty().addListener((o, a, v) -> show(v));
        vm.loadSubjects();
    }

    private static Node emptyState() {
        Label title = new Label("No schema registry");
        title.getStyleClass().add("empty-title");
        Label text = new Label("This connection has no schema registry. Add the registry URL to the profile to browse "
                + "subjects, versions, compatibility levels and to check schema changes.");
        text.setWrapText(true);
        text.setMaxWidth(460);
        text.getStyleClass().add("text-muted");
        VBox box = new VBox(8, Icons.icon(Feather.LAYERS), title, text);
        box.setId("schemas-empty");
        box.setAlignment(Pos.CENTER);
        box.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        return box;
    }

    private Node subjectsPane() {
        TextField filter = new TextField();
        filter.setId("schemas-filter");
        filter.setPromptText("Filter subjects");
        filter.textProperty().bindBidirectional(vm.filterProperty());
        subjects.setId("schemas-subjects");
        subjects.setItems(vm.visibleSubjects());
        subjects.setPlaceholder(new Label("No subjects"));
        subjects.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> {
            if (!updating && s != null) {
                vm.open(s, null);
            }
        });
        Label title = new Label("Subjects");
        title.getStyleClass().add("section-title");
        Button reload = Icons.button(Feather.REFRESH_CW, null, "Reload the subjects");
        reload.setId("schemas-reload");
        reload.getStyleClass().add("flat");
        reload.setOnAction(e -> vm.loadSubjects());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox titleRow = new HBox(6, title, spacer, reload);
        titleRow.setAlignment(Pos.CENTER_LEFT);
        Label count = new Label();
        count.getStyleClass().addAll("text-muted", "topic-meta");
        count.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> vm.visibleSubjects().size()
                + (vm.visibleSubjects().size() == 1 ? " subject" : " subjects") + " · " + vm.registryUrl(), vm.visibleSubjects()));
        count.setMinWidth(0);
        VBox box = new VBox(6, titleRow, filter, subjects, count);
        box.setPadding(new Insets(8));
        box.setMinWidth(220);
        VBox.setVgrow(subjects, Priority.ALWAYS);
        return box;
    }

    private Node detailPane() {
        Label subject = new Label("Select a subject");
        subject.setId("schema-subject");
        subject.getStyleClass().add("schema-subject");
        version.setId("schema-version");
        version.setPromptText("version");
        version.valueProperty().addListener((o, a, v) -> {
            SchemaBrowser.SubjectVersion shown = vm.shownProperty().get();
            if (!updating && v != null && shown != null && v != shown.version()) {
                vm.open(shown.subject(), v);
            }
        });
        Label type = badge("schema-type");
        Label id = badge("schema-id");
        Label compatibility = badge("schema-compatibility");
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(16, 16);
        spinner.visibleProperty().bind(vm.busyProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, subject, version, type, id, compatibility, spacer, spinner);
        header.setAlignment(Pos.CENTER_LEFT);

        Label references = new Label("-");
        references.setId("schema-references");
        references.setWrapText(true);
        Label usedBy = new Label("-");
        usedBy.setId("schema-used-by");
        usedBy.setWrapText(true);
        GridPane info = new GridPane();
        info.setHgap(12);
        info.setVgap(4);
        info.addRow(0, muted("References"), references);
        info.addRow(1, muted("Used by"), usedBy);
        Label error = new Label();
        error.setId("schemas-error");
        error.getStyleClass().add("schemas-error");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());

        tabs.setId("schema-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab schemaTab = new Tab("Schema", new VirtualizedScrollPane<>(schemaText));
        schemaTab.setId("schema-tab-text");
        Tab checkTab = new Tab("Check compatibility", checkPane());
        checkTab.setId("schema-tab-check");
        Tab diffTab = new Tab("Compare versions", new VersionDiffPane(vm));
        diffTab.setId("schema-tab-diff");
        tabs.getTabs().setAll(schemaTab, checkTab, diffTab);
        VBox.setVgrow(tabs, Priority.ALWAYS);

        vm.shownProperty().addListener((o, a, v) -> {
            subject.setText(v == null ? "Select a subject" : v.subject());
            type.setText(v == null ? "" : v.type().name());
            id.setText(v == null ? "" : "id " + v.id());
            compatibility.setText(v == null ? "" : v.compatibility() + (v.compatibilityInherited() ? " (global)" : ""));
            references.setText(v == null || v.references().isEmpty() ? "none" : v.references().stream()
                    .map(SchemasView::reference).collect(Collectors.joining(", ")));
            for (Label l : List.of(type, id, compatibility)) {
                l.setVisible(v != null);
            }
        });
        vm.usedBy().addListener((javafx.collections.ListChangeListener<dev.backtrack.codec.SubjectNaming.TopicUse>) c ->
                usedBy.setText(vm.usedBy().isEmpty() ? "no topic by naming strategy" : vm.usedBy().stream()
                        .map(SchemasViewModel::describe).collect(Collectors.joining(", "))));
        VBox box = new VBox(8, header, info, error, tabs);
        box.setPadding(new Insets(8));
        return box;
    }

    private Node checkPane() {
        Button latest = Icons.button(Feather.CHECK_CIRCLE, "Check against latest", "Ask the registry whether this schema is compatible with the latest version");
        latest.setId("schema-check-latest");
        latest.setOnAction(e -> vm.check(false));
        Button all = Icons.button(Feather.LAYERS, "Check against all", "Ask the registry against every version of the subject");
        all.setId("schema-check-all");
        all.setOnAction(e -> vm.check(true));
        Button reset = Icons.button(Feather.ROTATE_CCW, "Reset editor", "Put the shown version's schema back into the editor");
        reset.setId("schema-check-reset");
        reset.setOnAction(e -> vm.resetCandidate());
        for (Button b : List.of(latest, all, reset)) {
            b.disableProperty().bind(vm.shownProperty().isNull().or(vm.busyProperty()));
        }
        HBox bar = new HBox(8, latest, all, reset);
        bar.setAlignment(Pos.CENTER_LEFT);
        SchemaEditor.bind(editor, vm.candidateProperty(), () -> vm.shownProperty().get() == null ? null : vm.shownProperty().get().type());

        Label verdict = new Label("Edit the schema, then check it; the registry's answer appears here.");
        verdict.setId("schema-check-verdict");
        verdict.getStyleClass().add("text-muted");
        verdict.setWrapText(true);
        ListView<String> messages = new ListView<>();
        messages.setId("schema-check-messages");
        messages.setPrefHeight(120);
        Label noMessages = new Label("No messages");
        messages.setPlaceholder(noMessages);
        vm.checkProperty().addListener((o, a, c) -> {
            messages.getItems().setAll(c == null ? List.of() : c.result().messages());
            noMessages.setText(c == null ? "No messages" : c.result().compatible() ? "The registry accepts this schema"
                    : "The registry sent no reasons with its verdict (Apicurio answers with the verdict only)");
            verdict.getStyleClass().removeAll("check-ok", "check-bad", "text-muted");
            if (c == null) {
                verdict.setText("Edit the schema, then check it; the registry's answer appears here.");
                verdict.getStyleClass().add("text-muted");
                return;
            }
            String against = c.againstAll() ? "all versions" : "the latest version (" + c.latestVersion() + ")";
            verdict.setText(c.result().compatible() ? "Compatible with " + against : "NOT compatible with " + against);
            verdict.getStyleClass().add(c.result().compatible() ? "check-ok" : "check-bad");
        });
        VBox result = new VBox(4, verdict, messages);
        VBox.setVgrow(messages, Priority.ALWAYS);
        SplitPane split = new SplitPane(new VirtualizedScrollPane<>(editor), result);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.7);
        VBox.setVgrow(split, Priority.ALWAYS);
        VBox box = new VBox(8, bar, split);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    private void show(SchemaBrowser.SubjectVersion v) {
        updating = true;
        try {
            if (v == null) {
                version.getItems().clear();
                SchemaEditor.setText(schemaText, "", null);
                return;
            }
            version.getItems().setAll(v.versions());
            version.setValue(v.version());
            if (!v.subject().equals(subjects.getSelectionModel().getSelectedItem())) {
                if (!vm.visibleSubjects().contains(v.subject())) {
                    vm.filterProperty().set("");
                }
                subjects.getSelectionModel().select(v.subject());
                subjects.scrollTo(v.subject());
            }
            SchemaEditor.setText(schemaText, v.prettySchema(), v.type());
        } finally {
            updating = false;
        }
    }

    private static String reference(SchemaReference r) {
        return r.name() + " → " + r.subject() + " v" + r.version();
    }

    private static Label badge(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("schema-badge");
        l.setVisible(false);
        return l;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("text-muted");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    public SchemasViewModel viewModel() {
        return vm;
    }

    public CodeArea schemaArea() {
        return schemaText;
    }

    public CodeArea editorArea() {
        return editor;
    }

    /** Selects "Schema" or "Check compatibility". */
    public void selectTab(String title) {
        tabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst().ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    static boolean highlighted(SchemaInfo.SchemaType type) {
        return type != SchemaInfo.SchemaType.PROTOBUF;
    }
}
