package dev.backtrack.ui.history;

import dev.backtrack.history.JourneyStep;
import dev.backtrack.ui.detail.Timestamps;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The journey as a horizontal timeline: one card per step (topic, partition @ offset, time, dead-letter
 * mark) and, between cards, the time that passed. Clicking a card selects the step.
 */
final class StepStrip extends ScrollPane {
    /** A journey keyed on something broad can have thousands of steps: the strip shows the first ones, the table all. */
    private static final int MAX_CARDS = 100;
    private final HBox cards = new HBox(0);
    private final BooleanSupplier utc;
    private final Consumer<JourneyStep> onSelect;
    private List<JourneyStep> steps = List.of();

    StepStrip(BooleanSupplier utc, Consumer<JourneyStep> onSelect) {
        this.utc = utc;
        this.onSelect = onSelect;
        cards.setAlignment(Pos.CENTER_LEFT);
        cards.setPadding(new Insets(8));
        cards.getStyleClass().add("journey-strip-cards");
        setContent(cards);
        setFitToHeight(true);
        setVbarPolicy(ScrollBarPolicy.NEVER);
        setMinHeight(112);
        setPrefHeight(112);
        getStyleClass().add("journey-strip");
    }

    void show(List<JourneyStep> steps, JourneyStep selected) {
        this.steps = List.copyOf(steps);
        cards.getChildren().clear();
        if (steps.isEmpty()) {
            Label none = new Label("No steps found. Widen the time window or check more topics.");
            none.getStyleClass().add("text-muted");
            cards.getChildren().add(none);
            return;
        }
        int shown = Math.min(steps.size(), MAX_CARDS);
        for (int i = 0; i < shown; i++) {
            JourneyStep s = steps.get(i);
            if (s.sincePrevious() != null) {
                cards.getChildren().add(gap(s));
            }
            cards.getChildren().add(card(i, s, s == selected));
        }
        if (steps.size() > shown) {
            Label more = new Label("+ " + (steps.size() - shown) + " more steps in the table");
            more.getStyleClass().add("text-muted");
            more.setPadding(new Insets(0, 8, 0, 8));
            cards.getChildren().add(more);
        }
    }

    void select(JourneyStep selected) {
        show(steps, selected);
    }

    private VBox card(int index, JourneyStep s, boolean selected) {
        Label number = new Label(String.valueOf(index + 1));
        number.getStyleClass().add("journey-step-number");
        Label topic = new Label(s.topic());
        topic.getStyleClass().add("journey-step-topic");
        HBox head = new HBox(6, number, topic);
        head.setAlignment(Pos.CENTER_LEFT);
        Label where = new Label("p" + s.record().raw().partition() + " @ " + s.record().raw().offset());
        where.getStyleClass().add("text-muted");
        Label time = new Label(Timestamps.format(s.record().raw().timestamp(), utc.getAsBoolean()));
        time.getStyleClass().add("journey-step-time");
        VBox card = new VBox(3, head, where, time);
        if (s.isDeadLetter()) {
            Label dead = new Label("dead letter: " + shortClass(s.deadLetter().exceptionClass()));
            dead.getStyleClass().add("journey-dead-badge");
            card.getChildren().add(dead);
            card.getStyleClass().add("journey-step-dead");
        }
        card.getStyleClass().add("journey-step");
        if (selected) {
            card.getStyleClass().add("journey-step-selected");
        }
        card.setId("journey-step-" + index);
        card.setOnMouseClicked(e -> onSelect.accept(s));
        card.setMinWidth(170);
        return card;
    }

    private static VBox gap(JourneyStep s) {
        Label arrow = new Label("⟶");
        arrow.getStyleClass().add("journey-gap-arrow");
        Label text = new Label("+" + TimeText.gap(s.sincePrevious()));
        text.getStyleClass().add("journey-gap");
        VBox box = new VBox(0, text, arrow);
        box.setAlignment(Pos.CENTER);
        box.setPadding(new Insets(0, 8, 0, 8));
        box.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return box;
    }

    static String shortClass(String fqcn) {
        if (fqcn == null || fqcn.isBlank()) {
            return "unknown exception";
        }
        int dot = fqcn.lastIndexOf('.');
        return dot < 0 ? fqcn : fqcn.substring(dot + 1);
    }
}
