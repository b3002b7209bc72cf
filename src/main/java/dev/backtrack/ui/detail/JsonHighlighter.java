package dev.backtrack.ui.detail;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/** Style spans for pretty JSON text: json-key, json-string, json-number, json-literal (see app.css). */
public final class JsonHighlighter {
    private static final Pattern TOKENS = Pattern.compile(
            "(?<KEY>\"(?:[^\"\\\\]|\\\\.)*\"(?=\\s*:))"
                    + "|(?<STRING>\"(?:[^\"\\\\]|\\\\.)*\")"
                    + "|(?<NUMBER>-?\\b\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?\\b)"
                    + "|(?<LITERAL>\\b(?:true|false|null)\\b)");

    private JsonHighlighter() {
    }

    public static StyleSpans<Collection<String>> spans(String text) {
        Matcher m = TOKENS.matcher(text);
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int last = 0;
        while (m.find()) {
            String style = m.group("KEY") != null ? "json-key"
                    : m.group("STRING") != null ? "json-string"
                    : m.group("NUMBER") != null ? "json-number" : "json-literal";
            spans.add(List.of(), m.start() - last);
            spans.add(List.of(style), m.end() - m.start());
            last = m.end();
        }
        spans.add(List.of(), text.length() - last);
        return spans.create();
    }
}
