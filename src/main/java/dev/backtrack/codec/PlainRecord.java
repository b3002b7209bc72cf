package dev.backtrack.codec;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * The plain value of an Avro record ({@link AvroPlainReader}): an unmodifiable map from field name to value,
 * in field order, that shares the schema's field list and holds only an array of values. A record has a
 * handful of fields, so a linear search beats hashing, and a scan makes one of these per record.
 */
final class PlainRecord extends AbstractMap<String, Object> {
    private final List<Schema.Field> fields;
    private final Object[] values;

    PlainRecord(List<Schema.Field> fields, Object[] values) {
        this.fields = fields;
        this.values = values;
    }

    private int indexOf(Object name) {
        if (name instanceof String s) {
            for (int i = 0; i < values.length; i++) {
                if (fields.get(i).name().equals(s)) {
                    return i;
                }
            }
        }
        return -1;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= values.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(fields.get(i).name(), values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return values.length;
            }
        };
    }
}
