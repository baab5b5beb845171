package org.iotplatform.web.ui.maintenance;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.Optional;
import java.util.function.Function;
import org.iotplatform.maintenance.TrainingSettings;

/**
 * "Train again": a new version with the newest version's settings unless changed here; the active
 * version keeps scoring until the new one is ready.
 */
final class RetrainDialog extends Dialog {

    final TrainingFields training = new TrainingFields();
    final Span error = new Span();

    /**
     * @param parameters the newest version's parameters (JSON), or null
     * @param train      starts the training (null settings: the defaults); answers the reason when refused
     */
    RetrainDialog(String model, String parameters, Function<TrainingSettings, Optional<String>> train) {
        setHeaderTitle("Train " + model + " again");
        setId("maintenance-retrain-dialog");
        training.fill(parameters);
        Paragraph note = new Paragraph("A new version is trained from the tagged histories as they are now."
                + " The active version keeps scoring until the new one is ready.");
        note.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        add(note, training);

        error.setId("maintenance-retrain-error");
        error.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        error.setVisible(false);
        Button cancel = new Button("Cancel", e -> close());
        cancel.setId("maintenance-retrain-cancel");
        Button start = new Button("Train", e -> start(train));
        start.setId("maintenance-retrain-start");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        error.getStyle().set("margin-inline-end", "auto");
        getFooter().add(error, cancel, start);
    }

    private void start(Function<TrainingSettings, Optional<String>> train) {
        Optional<String> refused;
        try {
            refused = train.apply(training.settings());
        } catch (RuntimeException e) {
            refused = Optional.of(MaintenanceNotices.reason(e)); // a figure out of range
        }
        if (refused.isPresent()) {
            error.setText(refused.get());
            error.setVisible(true);
        } else {
            close();
        }
    }
}
