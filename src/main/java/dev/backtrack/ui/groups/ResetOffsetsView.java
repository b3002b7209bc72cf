package dev.backtrack.ui.groups;

import dev.backtrack.kafka.OffsetResetPlan;
import dev.backtrack.ui.common.Icons;
import dev.backtrack.ui.groups.ResetOffsetsViewModel.Target;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The reset-offsets form (a view tab of the connection): topic, partitions, target with the inputs the target
 * needs, Preview → from → to table, Apply. Messages from the engine (active members, protected profile) are
 * shown as they are.
 */
public final class ResetOffsetsView extends VBox {
    private final ResetOffsetsViewModel vm;
    private final TableView<OffsetResetPlan.Move> plan = new TableView<>();

    /** {@code utc} says whether the date and time fields are read as UTC (else the local zone). */
    public ResetOffsetsView(ResetOffsetsViewModel vm, int activeMembers, BooleanSupplier utc) {
        this.vm = vm;
        setId("reset-view");
        getStyleClass().add("reset-view");
        setSpacing(10);
        setPadding(new Insets(12));

        Label heading = new Label("Reset offsets of group " + vm.groupId());
        heading.getStyleClass().add("group-title");
        Label warning = new Label("The group has " + activeMembers + " active member" + (activeMembers == 1 ? "" : "s")
                + ": you can preview, but applying is refused until they stop (a running consumer would overwrite the reset).");
        warning.setId("reset-members-warning");
        warning.getStyleClass().add("reset-warning");
        warning.setWrapText(true);
        warning.setVisible(activeMembers > 0);
        warning.setManaged(activeMembers > 0);

        ComboBox<String> topic = new ComboBox<>(vm.topics());
        topic.setId("reset-topic");
        topic.setEditable(true);
        topic.setPrefWidth(320);
        topic.valueProperty().bindBidirectional(vm.topicProperty());

        ToggleGroup which = new ToggleGroup();
        RadioButton all = new RadioButton("All partitions");
        all.setId("reset-all");
        all.setToggleGroup(which);
        RadioButton some = new RadioButton("Only");
        some.setId("reset-some");
        some.setToggleGroup(which);
        all.setSelected(vm.allPartitionsProperty().get());
        some.setSelected(!vm.allPartitionsProperty().get());
        which.selectedToggleProperty().addListener((o, a, t) -> vm.allPartitionsProperty().set(t == all));
        TextField partitions = new TextField();
        partitions.setId("reset-partitions");
        partitions.setPromptText("0,2,5-7");
        partitions.setPrefWidth(140);
        partitions.textProperty().bindBidirectional(vm.partitionsProperty());
        partitions.disableProperty().bind(vm.allPartitionsProperty());
        HBox partitionRow = new HBox(10, all, some, partitions);
        partitionRow.setAlignment(Pos.CENTER_LEFT);

        ComboBox<Target> target = new ComboBox<>();
        target.setId("reset-target");
        target.getItems().setAll(Target.values());
        target.valueProperty().bindBidirectional(vm.targetProperty());
        TextField offset = field("reset-offset", "offset, e.g. 1200", vm.offsetProperty());
        TextField shift = field("reset-shift", "-100 re-reads 100, +50 skips 50", vm.shiftProperty());
        shift.setPrefWidth(230);
        DatePicker date = new DatePicker();
        date.setId("reset-date");
        date.setPrefWidth(150);
        TextField time = new TextField();
        time.setId("reset-time");
        time.setPromptText("HH:mm:ss");
        time.setPrefWidth(100);
        Label zone = new Label();
        zone.getStyleClass().add("text-muted");
        Runnable readTime = () -> {
            ZoneId z = utc.getAsBoolean() ? ZoneOffset.UTC : ZoneId.systemDefault();
            zone.setText(z.getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.getDefault()));
            vm.timeProperty().set(ResetOffsetsViewModel.instant(date.getValue(), time.getText(), z));
        };
        LocalDateTime hourAgo = LocalDateTime.ofInstant(Instant.now().minusSeconds(3600),
                utc.getAsBoolean() ? ZoneOffset.UTC : ZoneId.systemDefault()).withNano(0).withSecond(0);
        date.setValue(hourAgo.toLocalDate());
        time.setText(hourAgo.toLocalTime() + ":00");
        date.valueProperty().addListener((o, a, b) -> readTime.run());
        time.textProperty().addListener((o, a, b) -> readTime.run());
        readTime.run();
        HBox timeRow = new HBox(6, date, time, zone);
        timeRow.setAlignment(Pos.CENTER_LEFT);
        HBox targetRow = new HBox(10, target, offset, timeRow, shift);
        targetRow.setAlignment(Pos.CENTER_LEFT);
        Runnable showInputs = () -> {
            Target t = vm.targetProperty().get();
            show(offset, t == Target.OFFSET);
            show(timeRow, t == Target.TIMESTAMP);
            show(shift, t == Target.SHIFT);
        };
        vm.targetProperty().addListener((o, a, b) -> showInputs.run());
        showInputs.run();

        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(10);
        form.addRow(0, muted("Topic"), topic);
        form.addRow(1, muted("Partitions"), partitionRow);
        form.addRow(2, muted("Move to"), targetRow);

        Button preview = Icons.button(Feather.EYE, "Preview", "Compute from → to per partition; nothing is written");
        preview.setId("reset-preview");
        preview.setDefaultButton(true);
        preview.setOnAction(e -> vm.preview());
        preview.disableProperty().bind(vm.busyProperty());
        Button apply = Icons.button(Feather.CHECK, "Apply", "Write exactly the previewed offsets");
        apply.setId("reset-apply");
        apply.getStyleClass().add("danger");
        apply.setOnAction(e -> vm.apply());
        apply.disableProperty().bind(vm.planProperty().isNull().or(vm.busyProperty()).or(vm.appliedProperty()));
        Label message = new Label();
        message.setId("reset-message");
        message.setWrapText(true);
        message.getStyleClass().add("reset-ok");
        message.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> vm.errorProperty().get() != null ? vm.errorProperty().get() : vm.messageProperty().get(),
                vm.errorProperty(), vm.messageProperty()));
        vm.errorProperty().addListener((o, a, err) -> message.getStyleClass().setAll(err != null ? List.of("label", "reset-error")
                : List.of("label", "reset-ok")));
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);
        HBox actions = new HBox(8, preview, apply, message);
        actions.setAlignment(Pos.CENTER_LEFT);

        plan.setId("reset-plan");
        plan.setPlaceholder(new Label("Preview to see where each partition's committed offset would move"));
        plan.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        plan.getColumns().setAll(List.of(
                column("Partition", m -> String.valueOf(m.partition())),
                column("From (committed now)", m -> LagText.count(m.from())),
                column("To", m -> LagText.count(m.to())),
                column("Change", ResetOffsetsView::change)));
        vm.planProperty().addListener((o, a, p) -> plan.getItems().setAll(p == null ? List.of() : p.moves()));
        VBox.setVgrow(plan, Priority.ALWAYS);
        getChildren().setAll(heading, warning, form, actions, plan);
    }

    private static String change(OffsetResetPlan.Move m) {
        if (m.from() == null) {
            return "new commit";
        }
        long d = m.to() - m.from();
        return d == 0 ? "unchanged" : d < 0 ? "re-read " + LagText.count(-d) : "skip " + LagText.count(d);
    }

    private static void show(javafx.scene.Node node, boolean visible) {
        node.setVisible(visible);
        node.setManaged(visible);
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("text-muted");
        return l;
    }

    private static TextField field(String id, String prompt, javafx.beans.property.StringProperty value) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefWidth(160);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    private static TableColumn<OffsetResetPlan.Move, String> column(String name, Function<OffsetResetPlan.Move, String> value) {
        TableColumn<OffsetResetPlan.Move, String> c = new TableColumn<>(name);
        c.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(value.apply(v.getValue())));
        return c;
    }

    public ResetOffsetsViewModel viewModel() {
        return vm;
    }

    public TableView<OffsetResetPlan.Move> planTable() {
        return plan;
    }
}
