package dev.backtrack.codec;

/** Per-topic decoder override for key and value; a null format means auto-detection. */
public record DecoderChoice(Format keyFormat, Format valueFormat) {
    public static final DecoderChoice AUTO = new DecoderChoice(null, null);
}
