package org.iotplatform.web.ui.routing;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.Optional;
import java.util.function.Function;
import org.iotplatform.routing.EndpointType;
import org.iotplatform.routing.RouteSummary;

/**
 * The form behind "New route" and "Edit": explains the condition syntax and what a target is for each
 * endpoint type, and keeps the form open with the service's reason when a route is refused.
 */
final class RouteDialog extends Dialog {

    /** What the operator entered; the routing service validates it. */
    record Definition(String name, String condition, EndpointType type, String target, boolean enabled) {}

    private final TextField name = new TextField("Name");
    private final TextField condition = new TextField("Condition");
    private final Select<EndpointType> type = new Select<>();
    private final TextField target = new TextField("Target");
    private final Checkbox enabled = new Checkbox("Enabled", true);
    private final Span error = new Span();

    /**
     * @param existing the route to edit, or null for a new one
     * @param save     stores the definition; answers the reason when it was refused
     */
    RouteDialog(RouteSummary existing, Function<Definition, Optional<String>> save) {
        setHeaderTitle(existing == null ? "New route" : "Edit route " + existing.name());
        setWidth("42em");

        name.setId("route-name");
        name.setHelperText("1-64 of letters, digits, _ . -");
        name.setPlaceholder("overheat");
        name.setWidthFull();

        condition.setId("route-condition");
        condition.setPlaceholder("temperature > 80");
        condition.setHelperText("Terms: <metric> | device | property.<name>, compared with > >= < <= = != ;"
                + " 'and' binds tighter than 'or'. For example: temperature > 80 · alert = true ·"
                + " vibration >= 0.7 and device != pump-004 · property.kind = 'pump' or pressure < 1.5");
        condition.setWidthFull();

        type.setId("route-endpoint-type");
        type.setLabel("Endpoint type");
        type.setItems(EndpointType.values());
        type.setItemLabelGenerator(EndpointType::value);
        type.setEmptySelectionAllowed(false);
        type.addValueChangeListener(e -> describeTarget(e.getValue()));

        target.setId("route-target");
        target.setWidthFull();

        enabled.setId("route-enabled");

        error.setId("route-form-error");
        error.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        error.setVisible(false);

        if (existing == null) {
            type.setValue(EndpointType.HTTP);
        } else {
            name.setValue(existing.name());
            name.setReadOnly(true); // the name identifies the route in the audit log and the API
            condition.setValue(existing.condition());
            type.setValue(EndpointType.of(existing.endpointType()));
            target.setValue(existing.target());
            enabled.setValue(existing.enabled());
        }

        VerticalLayout form = new VerticalLayout(name, condition, type, target, enabled, error);
        form.setPadding(false);
        add(form);

        Button cancel = new Button("Cancel", e -> close());
        cancel.setId("cancel-route");
        Button saveButton = new Button(existing == null ? "Create" : "Save", e -> save(save));
        saveButton.setId("save-route");
        saveButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(cancel, saveButton);
    }

    private void describeTarget(EndpointType endpoint) {
        if (endpoint == null) {
            return;
        }
        switch (endpoint) {
            case HTTP -> {
                target.setPlaceholder("https://erp.example/hooks/iot");
                target.setHelperText("An http(s) URL; every matching message is POSTed to it as JSON.");
            }
            case AMQP -> {
                target.setPlaceholder("routes/overheat");
                target.setHelperText("An address on the gateway's AMQP broker (letters, digits, _ . - /).");
            }
            case FILE -> {
                target.setPlaceholder("/var/lib/iot/routes/overheat");
                target.setHelperText("An absolute directory on the server; one JSON file is written per message.");
            }
        }
    }

    private void save(Function<Definition, Optional<String>> save) {
        Optional<String> refused = save.apply(new Definition(
                name.getValue().trim(),
                condition.getValue().trim(),
                type.getValue(),
                target.getValue().trim(),
                enabled.getValue()));
        if (refused.isPresent()) {
            error.setText(refused.get());
            error.setVisible(true);
        } else {
            close();
        }
    }
}
