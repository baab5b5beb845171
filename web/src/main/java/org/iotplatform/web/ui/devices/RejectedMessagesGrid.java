package org.iotplatform.web.ui.devices;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.telemetry.RejectedMessageDetails;
import org.iotplatform.telemetry.TelemetryHistory;
import org.iotplatform.web.ui.components.DashboardExecutor;

/** The device's most recent refused messages with the reason, so an operator can see what it sent wrong. */
class RejectedMessagesGrid extends Composite<VerticalLayout> {

    static final int SHOWN = 100;
    private static final int PAYLOAD_PREVIEW = 80;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final DeviceId deviceId;
    private final TelemetryHistory history;
    private final DashboardExecutor executor;
    private final Grid<RejectedMessageDetails> grid = new Grid<>();

    RejectedMessagesGrid(DeviceId deviceId, TelemetryHistory history, DashboardExecutor executor) {
        this.deviceId = deviceId;
        this.history = history;
        this.executor = executor;

        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> load());
        refresh.setId("rejected-refresh");
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        H3 title = new H3("Rejected messages");
        title.addClassNames(LumoUtility.Margin.NONE);
        Span hint = new Span("newest first; click a row for details");
        hint.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        HorizontalLayout bar = new HorizontalLayout(title, hint, refresh);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        grid.setId("rejected-grid");
        grid.addColumn(m -> TIME.format(m.receivedAt()))
                .setHeader("Received (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(RejectedMessageDetails::reason)
                .setHeader("Reason")
                .setFlexGrow(2)
                .setResizable(true)
                .setTooltipGenerator(RejectedMessageDetails::reason);
        grid.addColumn(m -> m.messageId() == null ? "" : m.messageId())
                .setHeader("Message id")
                .setAutoWidth(true);
        grid.addColumn(m -> String.format("%,d B", m.payloadSize()))
                .setHeader("Size")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(m -> preview(m.payload()))
                .setHeader("Payload")
                .setFlexGrow(3)
                .setTooltipGenerator(m -> "Click the row for the whole message");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setEmptyStateText("No rejected messages.");
        grid.setHeight("22em");
        grid.setWidthFull();
        grid.addItemClickListener(e -> details(e.getItem()));

        VerticalLayout content = getContent();
        content.setPadding(false);
        content.setWidthFull();
        content.add(bar, grid);
    }

    void load() {
        grid.setEmptyStateText("Loading…");
        executor.load(
                UI.getCurrent(),
                () -> history.rejected(Optional.of(deviceId), SHOWN),
                (List<RejectedMessageDetails> rows) -> {
                    grid.setItems(rows);
                    grid.setEmptyStateText("No rejected messages.");
                },
                e -> {
                    grid.setEmptyStateText("Could not load the rejected messages.");
                    Notices.failed(deviceId, "Loading the rejected messages", e);
                });
    }

    static String preview(String payload) {
        if (payload == null) {
            return "";
        }
        String oneLine = payload.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= PAYLOAD_PREVIEW ? oneLine : oneLine.substring(0, PAYLOAD_PREVIEW) + "…";
    }

    private void details(RejectedMessageDetails m) {
        Dialog dialog = new Dialog();
        dialog.setId("rejected-details");
        dialog.setHeaderTitle("Rejected message");
        FormLayout fields = new FormLayout();
        fields.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30em", 2));
        fields.addFormItem(new Span(TIME.format(m.receivedAt()) + " UTC"), "Received");
        fields.addFormItem(new Span(m.messageId() == null ? "none" : m.messageId()), "Message id");
        fields.addFormItem(new Span(m.reason()), "Reason");
        fields.addFormItem(new Span(m.topic() == null ? "" : m.topic()), "Topic");
        fields.addFormItem(new Span(String.format("%,d bytes", m.payloadSize())), "Size");
        TextArea payload = new TextArea(
                m.payloadSize() > RejectedMessageDetails.KEPT_PAYLOAD_CHARS
                        ? "Payload (first " + String.format("%,d", RejectedMessageDetails.KEPT_PAYLOAD_CHARS)
                                + " bytes kept)"
                        : "Payload");
        payload.setId("rejected-payload");
        payload.setValue(m.payload() == null ? "" : m.payload());
        payload.setReadOnly(true);
        payload.setWidthFull();
        payload.setMaxHeight("24em");
        payload.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        VerticalLayout body = new VerticalLayout(fields, payload);
        body.setPadding(false);
        body.setWidth("min(48em, 90vw)");
        dialog.add(body);
        Button close = new Button("Close", e -> dialog.close());
        close.setId("rejected-details-close");
        dialog.getFooter().add(close);
        dialog.open();
    }
}
