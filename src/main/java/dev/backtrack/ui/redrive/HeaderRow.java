package dev.backtrack.ui.redrive;

import dev.backtrack.kafka.RawHeader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One editable header of "Edit & send". The value is shown as UTF-8 text, or as {@code 0x…} hex when the
 * bytes are not text; a value left as shown is sent with its original bytes exactly (binary Spring headers
 * stay intact), an edited value is sent as UTF-8. {@code deadLetter} marks the dead-letter/error headers.
 */
public final class HeaderRow {
    private final StringProperty name = new SimpleStringProperty();
    private final StringProperty value = new SimpleStringProperty();
    private final byte[] original;
    private final String originalText;
    private final boolean deadLetter;

    private HeaderRow(String name, byte[] original, String text, boolean deadLetter) {
        this.name.set(name);
        this.value.set(text);
        this.original = original;
        this.originalText = text;
        this.deadLetter = deadLetter;
    }

    public static HeaderRow of(RawHeader header, boolean deadLetter) {
        return new HeaderRow(header.key(), header.value(), text(header.value()), deadLetter);
    }

    /** A header the user added. */
    public static HeaderRow added(String name, String value) {
        return new HeaderRow(name, null, null, false).withValue(value);
    }

    private HeaderRow withValue(String v) {
        value.set(v);
        return this;
    }

    /** The header to send: the original bytes while the shown value is unchanged, else the edited text as UTF-8. */
    public RawHeader toRaw() {
        String v = value.get();
        if (original != null && v != null && v.equals(originalText)) {
            return new RawHeader(name.get(), original);
        }
        if (original == null && originalText == null && v == null) {
            return new RawHeader(name.get(), null);
        }
        return RawHeader.utf8(name.get(), v == null ? "" : v);
    }

    /** True when the name or value differs from the header as it came. */
    public boolean changed(RawHeader before) {
        RawHeader now = toRaw();
        return !now.key().equals(before.key()) || !Arrays.equals(now.value(), before.value());
    }

    static String text(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            // binary numbers (Spring's partition/offset headers) are valid UTF-8 but control characters
            if (text.chars().noneMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
                return text;
            }
        } catch (CharacterCodingException e) {
            // not text: shown as hex below
        }
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty valueProperty() {
        return value;
    }

    public boolean deadLetter() {
        return deadLetter;
    }
}
