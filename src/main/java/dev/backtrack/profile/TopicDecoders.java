package dev.backtrack.profile;

import dev.backtrack.codec.Format;

/** The default decoders for one topic of a profile; null means "detect". */
public record TopicDecoders(Format key, Format value) {
}
