package org.iotplatform.web.ui.alerts;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.Optional;
import java.util.function.Function;
import org.iotplatform.alerts.RuleView;
import org.iotplatform.alerts.Severity;

/**
 * The form behind "New rule" and "Edit": which devices, the condition, how long it must hold, how bad
 * it is, what to do; it stays open with the service's reason when a rule is refused.
 */
final class RuleDialog extends Dialog {

    static final String ACTIONS_EXAMPLE = "[{\"type\":\"method\",\"name\":\"reduceSpeed\",\"payload\":{\"rpm\":900}},\n"
            + " {\"type\":\"webhook\",\"url\":\"https://erp.example/hooks/alerts\"}]";

    final TextField name = new TextField("Name");
    final RadioButtonGroup<RuleInput.Devices> devices = new RadioButtonGroup<>("Devices");
    final TextField devicesValue = new TextField();
    final TextField condition = new TextField("Condition");
    final RadioButtonGroup<RuleInput.Timing> timing = new RadioButtonGroup<>("Raise the alert");
    final TextField heldFor = new TextField("Held for");
    final IntegerField inARow = new IntegerField("Readings in a row");
    final Select<Severity> severity = new Select<>();
    final Checkbox enabled = new Checkbox("Enabled", true);
    final TextArea actions = new TextArea("Actions (JSON)");
    final Span error = new Span();
    /** What the form does not edit (an absence rule's wait, a window), kept from the rule being edited. */
    private RuleInput kept;

    /**
     * @param existing the rule to edit, or null for a new one
     * @param save     stores the input; answers the reason when it was refused
     */
    RuleDialog(RuleView existing, Function<RuleInput, Optional<String>> save) {
        setHeaderTitle(existing == null ? "New rule" : "Edit rule " + existing.name());
        setWidth("44em");

        name.setId("rule-name");
        name.setPlaceholder("pump hot");
        name.setWidthFull();

        devices.setId("rule-devices");
        devices.setItems(RuleInput.Devices.values());
        devices.setItemLabelGenerator(d -> d.label);
        devices.addValueChangeListener(e -> describeDevices(e.getValue()));
        devicesValue.setId("rule-devices-value");
        devicesValue.setWidthFull();

        condition.setId("rule-condition");
        condition.setPlaceholder("temperature > 80");
        condition.setHelperText("As for routes: <metric> | device | property.<name>, compared with > >= < <= = != ;"
                + " joined with 'and' / 'or'. For example: temperature > 80 · vibration >= 0.7 and pressure < 1.5");
        condition.setWidthFull();

        timing.setId("rule-timing");
        timing.setItems(RuleInput.Timing.values());
        timing.setItemLabelGenerator(t -> t.label);
        timing.addValueChangeListener(e -> showTiming(e.getValue()));
        heldFor.setId("rule-held-for");
        heldFor.setPlaceholder("PT2M");
        heldFor.setHelperText("An ISO-8601 duration: PT30S, PT2M, PT1H (at most 7 days)");
        inARow.setId("rule-in-a-row");
        inARow.setMin(1);
        inARow.setMax(10_000);
        inARow.setStepButtonsVisible(true);

        severity.setId("rule-severity");
        severity.setLabel("Severity");
        severity.setItems(Severity.values());
        severity.setItemLabelGenerator(s -> s == null ? "" : s.value());

        enabled.setId("rule-enabled");

        actions.setId("rule-actions");
        actions.setWidthFull();
        actions.setMinHeight("6em");
        actions.setPlaceholder(ACTIONS_EXAMPLE);
        actions.setHelperText(
                "Empty for none. Each runs once whenever the rule raises an alert; types: message, method,"
                        + " desired (to the device), email (\"to\": [...]), webhook (\"url\"), workorder.");

        error.setId("rule-form-error");
        error.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        error.setVisible(false);

        RuleInput input = existing == null ? null : RuleInput.of(existing);
        kept = input;
        if (input == null) {
            devices.setValue(RuleInput.Devices.DEVICE);
            timing.setValue(RuleInput.Timing.AT_ONCE);
            severity.setValue(Severity.MAJOR);
        } else {
            name.setValue(input.name());
            devices.setValue(input.devices());
            devicesValue.setValue(input.devicesValue() == null ? "" : input.devicesValue());
            condition.setValue(input.condition() == null ? "" : input.condition()); // an absence rule has none
            timing.setValue(input.timing());
            heldFor.setValue(input.heldFor() == null ? "" : input.heldFor());
            inARow.setValue(input.inARow());
            severity.setValue(Severity.of(input.severity()));
            enabled.setValue(input.enabled());
            actions.setValue(input.actions());
        }

        VerticalLayout form = new VerticalLayout(
                name, devices, devicesValue, condition, timing, heldFor, inARow, severity, enabled, actions);
        form.setPadding(false);
        add(form);

        Button cancel = new Button("Cancel", e -> close());
        cancel.setId("rule-cancel");
        Button saveButton = new Button(existing == null ? "Create" : "Save", e -> save(save));
        saveButton.setId("rule-save");
        saveButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // in the footer, beside the button: always in sight, however far the form is scrolled
        error.getStyle().set("margin-inline-end", "auto");
        getFooter().add(error, cancel, saveButton);
    }

    private void describeDevices(RuleInput.Devices kind) {
        devicesValue.setVisible(kind != null && kind != RuleInput.Devices.ALL);
        if (kind == RuleInput.Devices.DEVICE) {
            devicesValue.setLabel("Device id");
            devicesValue.setPlaceholder("pump-001");
            devicesValue.setHelperText(null);
        } else if (kind == RuleInput.Devices.TAG) {
            devicesValue.setLabel("Tag");
            devicesValue.setPlaceholder("kind:pump");
            devicesValue.setHelperText("name:value, as the device registry has it");
        }
    }

    private void showTiming(RuleInput.Timing when) {
        heldFor.setVisible(when == RuleInput.Timing.HELD_FOR);
        inARow.setVisible(when == RuleInput.Timing.IN_A_ROW);
    }

    RuleInput input() {
        return new RuleInput(
                        name.getValue().trim(),
                        devices.getValue(),
                        devicesValue.getValue(),
                        condition.getValue().trim(),
                        timing.getValue(),
                        heldFor.getValue(),
                        inARow.getValue(),
                        severity.getValue() == null ? null : severity.getValue().value(),
                        enabled.getValue(),
                        actions.getValue())
                .keeping(kept);
    }

    private void save(Function<RuleInput, Optional<String>> save) {
        Optional<String> refused = save.apply(input());
        if (refused.isPresent()) {
            error.setText(refused.get());
            error.setVisible(true);
        } else {
            close();
        }
    }
}
