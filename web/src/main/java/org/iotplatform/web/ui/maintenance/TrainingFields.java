package org.iotplatform.web.ui.maintenance;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iotplatform.maintenance.TrainingSettings;

/** Rounds, depth, seeds and folds of a training, each optional: an empty field takes the default. */
final class TrainingFields extends Composite<HorizontalLayout> {

    /** One figure of a version's kept parameters, e.g. {@code "rounds":800}. */
    private static final Pattern FIGURE = Pattern.compile("\"(rounds|maxDepth|seeds|folds)\"\\s*:\\s*(\\d+)");

    final IntegerField rounds = field("Rounds", "maintenance-rounds", TrainingSettings.DEFAULTS.rounds());
    final IntegerField maxDepth = field("Tree depth", "maintenance-depth", TrainingSettings.DEFAULTS.maxDepth());
    final IntegerField seeds = field("Seeds", "maintenance-seeds", TrainingSettings.DEFAULTS.seeds());
    final IntegerField folds = field("Folds", "maintenance-folds", TrainingSettings.DEFAULTS.folds());

    TrainingFields() {
        folds.setHelperText("0: no validation");
        HorizontalLayout row = getContent();
        row.add(rounds, maxDepth, seeds, folds);
        row.setWidthFull();
    }

    private static IntegerField field(String label, String id, int standard) {
        IntegerField f = new IntegerField(label);
        f.setId(id);
        f.setPlaceholder(Integer.toString(standard));
        f.setWidth("7em");
        return f;
    }

    /** Fills the fields from a version's kept parameters (JSON), so "Train again" starts where it was. */
    void fill(String parameters) {
        if (parameters == null) {
            return;
        }
        Matcher m = FIGURE.matcher(parameters);
        while (m.find()) {
            int value = Integer.parseInt(m.group(2));
            switch (m.group(1)) {
                case "rounds" -> rounds.setValue(value);
                case "maxDepth" -> maxDepth.setValue(value);
                case "seeds" -> seeds.setValue(value);
                default -> folds.setValue(value);
            }
        }
    }

    /** Null for all defaults; @throws InvalidModelException for a figure out of range */
    TrainingSettings settings() {
        return ModelInput.settings(rounds.getValue(), maxDepth.getValue(), seeds.getValue(), folds.getValue());
    }
}
