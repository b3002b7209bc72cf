package dev.backtrack.ui.schemas;

import dev.backtrack.codec.DecodedPart;
import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.codec.SchemaInfo;
import dev.backtrack.kafka.TopicCatalog;
import dev.backtrack.kafka.TopicInfo;
import dev.backtrack.ui.common.Icons;
import dev.backtrack.ui.connection.BrowseSelection;
import dev.backtrack.ui.connection.ConnectionFeature;
import dev.backtrack.ui.connection.Workbench;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import javafx.scene.control.MenuItem;
import org.kordamp.ikonli.feather.Feather;

/** The schema registry browser in every connection: the fixed "Schemas" view and "Schema of this record". */
public final class SchemasFeature implements ConnectionFeature {
    public static final String VIEW_ID = "schemas";
    private final Map<Workbench, SchemasView> views = new WeakHashMap<>();

    @Override
    public List<FixedView> fixedViews(Workbench bench) {
        return List.of(new FixedView(VIEW_ID, "Schemas", Feather.LAYERS, this::build));
    }

    private SchemasView build(Workbench bench) {
        var client = bench.browser().decoder().client();
        TopicCatalog catalog = new TopicCatalog(bench.clients());
        SchemasViewModel vm = new SchemasViewModel(client,
                () -> catalog.topics(false).stream().map(TopicInfo::name).toList(), bench.ui());
        SchemasView view = new SchemasView(vm);
        views.put(bench, view);
        return view;
    }

    @Override
    public List<MenuItem> actions(Workbench bench, BrowseSelection selection) {
        MenuItem schemaOfRecord = new MenuItem("Schema of this record", Icons.icon(Feather.LAYERS));
        schemaOfRecord.setId("action-record-schema");
        DecodedRecord record = selection.record();
        DecodedPart part = registryPart(record);
        schemaOfRecord.setDisable(part == null || bench.browser().decoder().client() == null);
        schemaOfRecord.setOnAction(e -> showSchemaOf(bench, selection.topic(), record));
        return List.of(schemaOfRecord);
    }

    /** Opens the Schemas view at the subject version of the record's value schema (else its key schema). */
    public void showSchemaOf(Workbench bench, String topic, DecodedRecord record) {
        DecodedPart part = registryPart(record);
        if (part == null) {
            bench.showError("This record was not written with a schema registry format");
            return;
        }
        bench.selectView(VIEW_ID);
        SchemasView view = views.get(bench);
        if (view != null) {
            view.selectTab("Schema");
            view.viewModel().openSchemaOf(part.schema(), topic, part == record.key());
        }
    }

    /** The value part when it carries a registry schema, else the key part when it does, else null. */
    static DecodedPart registryPart(DecodedRecord record) {
        if (record == null) {
            return null;
        }
        for (DecodedPart part : List.of(record.value(), record.key())) {
            SchemaInfo schema = part.schema();
            if (schema != null && (schema.id() != null || schema.guid() != null || schema.subject() != null)) {
                return part;
            }
        }
        return null;
    }

    public SchemasView view(Workbench bench) {
        return views.get(bench);
    }
}
