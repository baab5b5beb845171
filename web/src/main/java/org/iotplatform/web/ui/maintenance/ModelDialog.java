package org.iotplatform.web.ui.maintenance;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.Optional;
import java.util.function.Function;
import org.iotplatform.maintenance.ModelDefinition;

/**
 * The form behind "New model": what it learns from, what it watches, the metrics, when a history
 * failed, the cap, and optionally how it is trained; it stays open with the service's reason when the
 * model is refused.
 */
final class ModelDialog extends Dialog {

    final TextField name = new TextField("Name");
    final TextField devices = new TextField("Training devices (tag)");
    final TextField watch = new TextField("Watched devices (tag)");
    final TextField metrics = new TextField("Metrics");
    final TextField failure = new TextField("Failure");
    final TextField cap = new TextField("Cap");
    final Select<String> interval = new Select<>();
    final TrainingFields training = new TrainingFields();
    final Span error = new Span();

    /** @param save defines the model; answers the reason when it was refused */
    ModelDialog(Function<ModelInput, Optional<String>> save) {
        setHeaderTitle("New maintenance model");
        setWidth("44em");

        name.setId("maintenance-name");
        name.setPlaceholder("pump-rul");
        name.setWidthFull();
        devices.setId("maintenance-devices");
        devices.setPlaceholder("set:pump-history");
        devices.setHelperText("name:value: the devices whose histories ran to failure");
        devices.setWidthFull();
        watch.setId("maintenance-watch");
        watch.setPlaceholder("kind:pump");
        watch.setHelperText("Optional, name:value: the devices kept scored as their telemetry arrives");
        watch.setWidthFull();
        metrics.setId("maintenance-metrics");
        metrics.setPlaceholder("vibration, temperature");
        metrics.setHelperText("Comma-separated metric names");
        metrics.setWidthFull();
        failure.setId("maintenance-failure");
        failure.setValue("last");
        failure.setHelperText("'last' (a history fails at its last record) or a condition, e.g. fault > 0");
        failure.setWidthFull();
        cap.setId("maintenance-cap");
        cap.setPlaceholder("P30D");
        cap.setHelperText("The longest time to failure a label says, ISO-8601: PT125M, P30D");

        error.setId("maintenance-form-error");
        error.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        error.setVisible(false);

        interval.setId("maintenance-interval");
        interval.setLabel("Resolution");
        interval.setItems(ModelDefinition.RAW, "1m", "1h", "1d");
        interval.setValue(ModelDefinition.RAW);
        interval.setHelperText(
                "Every record, or the mean of each minute, hour or day: as training data and live devices both have it");
        VerticalLayout form = new VerticalLayout(name, devices, watch, metrics, failure, cap, interval, training);
        form.setPadding(false);
        add(form);

        Button cancel = new Button("Cancel", e -> close());
        cancel.setId("maintenance-cancel");
        Button create = new Button("Create and train", e -> save(save));
        create.setId("maintenance-save");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // beside the button: in sight however far the form is scrolled
        error.getStyle().set("margin-inline-end", "auto");
        getFooter().add(error, cancel, create);
    }

    ModelInput input() {
        return new ModelInput(
                name.getValue(),
                devices.getValue(),
                watch.getValue(),
                metrics.getValue(),
                failure.getValue(),
                cap.getValue(),
                interval.getValue(),
                training.rounds.getValue(),
                training.maxDepth.getValue(),
                training.seeds.getValue(),
                training.folds.getValue());
    }

    private void save(Function<ModelInput, Optional<String>> save) {
        Optional<String> refused = save.apply(input());
        if (refused.isPresent()) {
            error.setText(refused.get());
            error.setVisible(true);
        } else {
            close();
        }
    }
}
