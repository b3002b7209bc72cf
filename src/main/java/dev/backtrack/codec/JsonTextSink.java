package dev.backtrack.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * One reusable JSON generator per thread writing into a StringBuilder, so rendering a record's text does
 * not build a generator and buffers per record. Root values are not separated, so each call's text stands
 * alone. A generator that failed mid-value must be {@link #discard() discarded}.
 */
final class JsonTextSink {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ThreadLocal<JsonTextSink> CURRENT = ThreadLocal.withInitial(JsonTextSink::new);

    final StringBuilder text = new StringBuilder(256);
    final JsonGenerator generator;

    private JsonTextSink() {
        try {
            generator = FACTORY.createGenerator(new Writer() {
                @Override
                public void write(char[] chars, int off, int len) {
                    text.append(chars, off, len);
                }

                @Override
                public void write(String str, int off, int len) {
                    text.append(str, off, off + len);
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            });
            generator.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonTextSink current() {
        return CURRENT.get();
    }

    static void discard() {
        CURRENT.remove();
    }
}
