package dev.backtrack.ui.schemas;

import dev.backtrack.codec.SchemaInfo;
import dev.backtrack.ui.detail.JsonHighlighter;
import java.util.function.Supplier;
import javafx.beans.property.StringProperty;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;

/** RichTextFX code areas for schema text: JSON highlighting for Avro and JSON Schema, plain text for Protobuf. */
final class SchemaEditor {
    /** Texts longer than this are shown unhighlighted (highlighting is a regex pass over the whole text). */
    private static final int HIGHLIGHT_LIMIT = 1_000_000;

    private SchemaEditor() {
    }

    static CodeArea area(String id, boolean editable) {
        CodeArea area = new CodeArea();
        area.setId(id);
        area.setEditable(editable);
        area.setWrapText(false);
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
        area.getStyleClass().add("json-area");
        return area;
    }

    static void setText(CodeArea area, String text, SchemaInfo.SchemaType type) {
        area.replaceText(text);
        highlight(area, type);
        area.moveTo(0);
        area.requestFollowCaret();
    }

    static void highlight(CodeArea area, SchemaInfo.SchemaType type) {
        String text = area.getText();
        if (!text.isEmpty() && text.length() < HIGHLIGHT_LIMIT && type != null && SchemasView.highlighted(type)) {
            area.setStyleSpans(0, JsonHighlighter.spans(text));
        }
    }

    /** Two-way link between an editable area and a text property, re-highlighting as the user types. */
    static void bind(CodeArea area, StringProperty text, Supplier<SchemaInfo.SchemaType> type) {
        area.textProperty().addListener((o, a, now) -> {
            if (!now.equals(text.get())) {
                text.set(now);
            }
            highlight(area, type.get());
        });
        text.addListener((o, a, now) -> {
            String value = now == null ? "" : now;
            if (!value.equals(area.getText())) {
                setText(area, value, type.get());
            }
        });
    }
}
