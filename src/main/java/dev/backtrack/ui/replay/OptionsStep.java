package dev.backtrack.ui.replay;

import dev.backtrack.BacktrackException;
import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.replay.Delivery;
import dev.backtrack.replay.HeaderPolicy;
import dev.backtrack.replay.BatchCompression;
import dev.backtrack.replay.Pace;
import dev.backtrack.replay.PartitionMapping;
import dev.backtrack.replay.ReplayPlan;
import dev.backtrack.replay.TimestampPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step 3 of the replay wizard: partition mapping, timestamps, headers (a checklist of the header names seen in
 * a sample of the range, keep/drop globs, provenance), schema re-registration, pace, delivery and compression.
 */
public final class OptionsStep {
    public enum Mapping { SAME, BY_KEY, ROUND_ROBIN, FIXED }

    public enum Timestamps { KEEP, NOW, SHIFT }

    public enum Speed { FAST, RATE, ORIGINAL }

    /** A header name seen in the sample, how often, and whether it is kept. */
    public record HeaderChoice(String name, long seen, BooleanProperty keep) {
    }

    private final ObjectProperty<Mapping> mapping = new SimpleObjectProperty<>(Mapping.SAME);
    private final StringProperty fixedPartition = new SimpleStringProperty("0");
    private final ObjectProperty<Timestamps> timestamps = new SimpleObjectProperty<>(Timestamps.KEEP);
    private final StringProperty shiftTo = new SimpleStringProperty(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString());
    private final ObservableList<HeaderChoice> headers = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper headerSample = new ReadOnlyStringWrapper("sampling the range for header names…");
    private final javafx.beans.property.ReadOnlyBooleanWrapper sampling = new javafx.beans.property.ReadOnlyBooleanWrapper(true);
    private final StringProperty keepGlobs = new SimpleStringProperty("");
    private final StringProperty dropGlobs = new SimpleStringProperty("");
    private final BooleanProperty dropAllHeaders = new SimpleBooleanProperty();
    private final BooleanProperty provenance = new SimpleBooleanProperty(true);
    private final BooleanProperty reregister = new SimpleBooleanProperty();
    private final ObjectProperty<Speed> speed = new SimpleObjectProperty<>(Speed.FAST);
    private final StringProperty rate = new SimpleStringProperty("1000");
    private final StringProperty speedUp = new SimpleStringProperty("1");
    private final BooleanProperty exactlyOnce = new SimpleBooleanProperty();
    private final StringProperty commitEvery = new SimpleStringProperty("");
    private final ObjectProperty<BatchCompression> compression = new SimpleObjectProperty<>(BatchCompression.AUTO);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();

    OptionsStep() {
        List<Observable> inputs = List.of(mapping, fixedPartition, timestamps, shiftTo, keepGlobs, dropGlobs, dropAllHeaders, provenance,
                reregister, speed, rate, speedUp, exactlyOnce, commitEvery);
        inputs.forEach(o -> o.addListener(x -> revalidate()));
        revalidate();
    }

    void sampling() {
        sampling.set(true);
        headerSample.set("sampling the range for header names…");
    }

    /** Fills the checklist from sampled records: every header name with how often it was seen, all kept. */
    void sampled(List<DecodedRecord> records, boolean complete) {
        Map<String, Long> seen = new TreeMap<>();
        for (DecodedRecord r : records) {
            for (RawHeader h : r.raw().headers()) {
                seen.merge(h.key(), 1L, Long::sum);
            }
        }
        List<HeaderChoice> choices = new ArrayList<>();
        seen.forEach((name, n) -> choices.add(new HeaderChoice(name, n, new SimpleBooleanProperty(true))));
        headers.setAll(choices);
        sampling.set(false);
        String sample = (complete ? "the " : "the first ") + records.size() + " records sampled from the range";
        headerSample.set(seen.isEmpty() ? "no headers in " + sample
                : seen.size() + " header names in " + sample + "; untick a name to drop it");
    }

    void sampleFailed(String message) {
        headers.clear();
        sampling.set(false);
        headerSample.set("could not sample the headers: " + message);
    }

    /** Applies these options to a plan (throws {@link BacktrackException} with the first problem). */
    ReplayPlan apply(ReplayPlan plan) {
        try {
            PartitionMapping m = switch (mapping.get()) {
                case SAME -> PartitionMapping.SAME;
                case BY_KEY -> PartitionMapping.BY_KEY;
                case ROUND_ROBIN -> PartitionMapping.ROUND_ROBIN;
                case FIXED -> new PartitionMapping.Fixed(integer(fixedPartition.get(), "fixed partition"));
            };
            TimestampPolicy t = switch (timestamps.get()) {
                case KEEP -> TimestampPolicy.KEEP;
                case NOW -> TimestampPolicy.NOW;
                case SHIFT -> {
                    Instant start = SourceStep.time(shiftTo.get(), "shift to");
                    if (start == null) {
                        throw new BacktrackException("give the instant the shifted range starts at");
                    }
                    yield new TimestampPolicy.ShiftTo(start);
                }
            };
            Pace p = switch (speed.get()) {
                case FAST -> Pace.FAST;
                case RATE -> new Pace.RateLimit(decimal(rate.get(), "rate"));
                case ORIGINAL -> new Pace.Original(decimal(speedUp.get(), "speed-up"));
            };
            ReplayPlan out = plan.withMapping(m).withTimestamps(t).withHeaders(headerPolicy()).withReregisterSchemas(reregister.get())
                    .withPace(p).withCompression(compression.get());
            if (exactlyOnce.get()) {
                return out.withExactlyOnce(commitEvery.get().isBlank() ? Delivery.SINGLE_TRANSACTION
                        : integer(commitEvery.get(), "commit interval"));
            }
            // the wizard writes no checkpoint file, so an idempotent run has no flush interval to choose
            return out.withIdempotent();
        } catch (IllegalArgumentException e) {
            throw new BacktrackException(e.getMessage());
        }
    }

    /** The unticked names of the checklist are dropped, as are names matching a drop glob. */
    HeaderPolicy headerPolicy() {
        List<String> drop = new ArrayList<>();
        headers.stream().filter(h -> !h.keep().get()).map(HeaderChoice::name).forEach(drop::add);
        drop.addAll(globs(dropGlobs.get()));
        return new HeaderPolicy(dropAllHeaders.get(), globs(keepGlobs.get()), drop, provenance.get());
    }

    private void revalidate() {
        try {
            apply(ReplayPlan.of(new dev.backtrack.replay.ReplaySource.Archive(java.nio.file.Path.of("validation")),
                    new dev.backtrack.replay.ReplayTarget(dev.backtrack.kafka.ConnectionSettings.plaintext("validation:0"), "t", null)));
            error.set(null);
        } catch (BacktrackException e) {
            error.set(e.getMessage());
        }
    }

    private static List<String> globs(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[,\\s]+")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static int integer(String text, String what) {
        try {
            int v = Integer.parseInt(text.trim().replace("_", ""));
            if (v < 0 || (v == 0 && !what.equals("fixed partition"))) {
                throw new BacktrackException("the " + what + " must be " + (what.equals("fixed partition") ? "0 or more" : "positive"));
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BacktrackException("the " + what + " must be a whole number, not '" + text.trim() + "'");
        }
    }

    private static double decimal(String text, String what) {
        try {
            double v = Double.parseDouble(text.trim());
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new BacktrackException("the " + what + " must be a positive number");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BacktrackException("the " + what + " must be a number, not '" + text.trim() + "'");
        }
    }

    public ObjectProperty<Mapping> mappingProperty() {
        return mapping;
    }

    public StringProperty fixedPartitionProperty() {
        return fixedPartition;
    }

    public ObjectProperty<Timestamps> timestampsProperty() {
        return timestamps;
    }

    public StringProperty shiftToProperty() {
        return shiftTo;
    }

    public ObservableList<HeaderChoice> headers() {
        return headers;
    }

    /** True while the range is being sampled for header names. */
    public javafx.beans.property.ReadOnlyBooleanProperty samplingProperty() {
        return sampling.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headerSampleProperty() {
        return headerSample.getReadOnlyProperty();
    }

    public StringProperty keepGlobsProperty() {
        return keepGlobs;
    }

    public StringProperty dropGlobsProperty() {
        return dropGlobs;
    }

    public BooleanProperty dropAllHeadersProperty() {
        return dropAllHeaders;
    }

    public BooleanProperty provenanceProperty() {
        return provenance;
    }

    public BooleanProperty reregisterProperty() {
        return reregister;
    }

    public ObjectProperty<Speed> speedProperty() {
        return speed;
    }

    public StringProperty rateProperty() {
        return rate;
    }

    public StringProperty speedUpProperty() {
        return speedUp;
    }

    public BooleanProperty exactlyOnceProperty() {
        return exactlyOnce;
    }

    public StringProperty commitEveryProperty() {
        return commitEvery;
    }

    public ObjectProperty<BatchCompression> compressionProperty() {
        return compression;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public String error() {
        return error.get();
    }
}
