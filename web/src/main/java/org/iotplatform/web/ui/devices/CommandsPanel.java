package org.iotplatform.web.ui.devices;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.iotplatform.commanding.CloudToDeviceMessage;
import org.iotplatform.commanding.CloudToDeviceMessages;
import org.iotplatform.commanding.CommandHistory;
import org.iotplatform.commanding.DirectMethods;
import org.iotplatform.commanding.SentCommand;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.twin.DeviceTwins;
import org.iotplatform.web.ui.CurrentOperator;
import org.iotplatform.web.ui.components.DashboardExecutor;

/**
 * Commanding one device from its page: invoke a direct method with a JSON payload and see the reply,
 * send a cloud-to-device message, edit desired properties (guarded by the twin's ETag) next to the
 * reported ones and both versions, and the command history. Viewers see the twin and the history only.
 */
class CommandsPanel extends Composite<VerticalLayout> {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final DeviceId deviceId;
    private final DirectMethods methods;
    private final CloudToDeviceMessages messages;
    private final DeviceTwins twins;
    private final CommandHistory history;
    private final DashboardExecutor executor;
    private final String operator = CurrentOperator.username();

    private final Pre methodResult = new Pre();
    private final Span messageResult = new Span();
    private final TextArea desired = new TextArea("Desired properties (JSON)");
    private final Pre reported = new Pre();
    private final Span versions = new Span();
    private final Span twinResult = new Span();
    private final Grid<SentCommand> grid = new Grid<>();
    private String etag;

    CommandsPanel(
            DeviceId deviceId,
            DirectMethods methods,
            CloudToDeviceMessages messages,
            DeviceTwins twins,
            CommandHistory history,
            DashboardExecutor executor,
            boolean mayCommand) {
        this.deviceId = deviceId;
        this.methods = methods;
        this.messages = messages;
        this.twins = twins;
        this.history = history;
        this.executor = executor;
        VerticalLayout content = getContent();
        content.setPadding(false);
        content.setWidthFull();
        HorizontalLayout forms = new HorizontalLayout();
        forms.setWidthFull();
        forms.setWrap(true);
        if (mayCommand) {
            forms.add(methodForm(), messageForm());
        }
        forms.add(twinForm(mayCommand));
        content.add(forms, historyGrid());
    }

    void load() {
        loadTwin();
        loadHistory();
    }

    private VerticalLayout methodForm() {
        TextField name = new TextField("Method");
        name.setId("method-name");
        name.setPlaceholder("setSpeed");
        TextArea payload = new TextArea("Payload (JSON)");
        payload.setId("method-payload");
        payload.setValue("{}");
        IntegerField timeout = new IntegerField("Time-out (s)");
        timeout.setId("method-timeout");
        timeout.setValue(30);
        timeout.setMin((int) DirectMethods.MIN_TIMEOUT.toSeconds());
        timeout.setMax((int) DirectMethods.MAX_TIMEOUT.toSeconds());
        methodResult.setId("method-result");
        methodResult.addClassNames(LumoUtility.FontSize.SMALL);
        Button invoke = new Button("Invoke", VaadinIcon.PLAY.create());
        invoke.setId("method-invoke");
        invoke.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        invoke.addClickListener(e -> {
            UI ui = UI.getCurrent();
            invoke.setEnabled(false);
            methodResult.setText("waiting for the device…");
            try {
                int seconds = timeout.getValue() == null ? 30 : timeout.getValue();
                methods.invoke(
                                deviceId,
                                name.getValue().trim(),
                                payload.getValue(),
                                Duration.ofSeconds(seconds),
                                operator)
                        .whenComplete((result, error) -> DashboardExecutor.access(ui, () -> {
                            invoke.setEnabled(true);
                            methodResult.setText(
                                    error == null
                                            ? "status " + result.status() + "\n" + result.payload()
                                            : "failed: " + message(error));
                            loadHistory();
                        }));
            } catch (RuntimeException ex) {
                invoke.setEnabled(true);
                methodResult.setText("not sent: " + message(ex));
            }
        });
        return card("Direct method", name, payload, timeout, invoke, methodResult);
    }

    private VerticalLayout messageForm() {
        TextArea payload = new TextArea("Message (text or JSON)");
        payload.setId("message-payload");
        IntegerField ttl = new IntegerField("Time to live (s)");
        ttl.setId("message-ttl");
        ttl.setValue(3600);
        messageResult.setId("message-result");
        Button send = new Button("Send", VaadinIcon.PAPERPLANE.create());
        send.setId("message-send");
        send.addClickListener(e -> {
            try {
                CloudToDeviceMessage sent = messages.send(
                        deviceId,
                        payload.getValue(),
                        Map.of(),
                        Duration.ofSeconds(ttl.getValue() == null ? 3600 : ttl.getValue()),
                        operator);
                messageResult.setText("message " + sent.messageId() + " " + sent.state());
                loadHistory();
            } catch (RuntimeException ex) {
                messageResult.setText("not sent: " + message(ex));
            }
        });
        return card("Cloud-to-device message", payload, ttl, send, messageResult);
    }

    private VerticalLayout twinForm(boolean mayCommand) {
        desired.setId("twin-desired");
        desired.setWidthFull();
        desired.setReadOnly(!mayCommand);
        reported.setId("twin-reported");
        reported.addClassNames(LumoUtility.FontSize.SMALL);
        versions.setId("twin-versions");
        versions.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        twinResult.setId("twin-result");
        VerticalLayout card = card("Twin", versions, desired);
        if (mayCommand) {
            Button save = new Button("Save desired", VaadinIcon.CHECK.create());
            save.setId("twin-save");
            save.addClickListener(e -> {
                try {
                    twins.patch(
                            deviceId,
                            etag,
                            "{\"properties\":{\"desired\":" + desiredPatch(desired.getValue()) + "}}",
                            operator);
                    twinResult.setText("saved");
                    loadTwin();
                    loadHistory();
                } catch (RuntimeException ex) {
                    twinResult.setText("not saved: " + message(ex));
                }
            });
            card.add(save, twinResult);
        }
        card.add(new H4("Reported properties"), reported);
        return card;
    }

    /** The editor shows the desired document; properties removed there are removed (set to null) too. */
    private String desiredPatch(String edited) {
        jakarta.json.JsonObject now = jakarta.json.spi.JsonProvider.provider()
                .createReader(new java.io.StringReader(edited == null || edited.isBlank() ? "{}" : edited))
                .readObject();
        var patch = jakarta.json.spi.JsonProvider.provider().createObjectBuilder(now);
        twins.get(deviceId).desired().keySet().stream()
                .filter(k -> !k.startsWith("$") && !now.containsKey(k))
                .forEach(patch::addNull);
        return patch.build().toString();
    }

    private Div historyGrid() {
        grid.setId("command-history");
        grid.addColumn(c -> TIME.format(c.requestedAt()))
                .setHeader("Sent (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(SentCommand::kind).setHeader("Kind").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(SentCommand::name).setHeader("Name").setFlexGrow(1);
        grid.addColumn(SentCommand::state).setHeader("State").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(c -> c.resultStatus() == null ? "" : c.resultStatus().toString())
                .setHeader("Status")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(c -> c.result() == null ? "" : c.result())
                .setHeader("Answer")
                .setFlexGrow(2)
                .setTooltipGenerator(c -> c.result() == null ? "" : c.result());
        grid.addColumn(SentCommand::requestedBy)
                .setHeader("By")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setHeight("18em");
        grid.setWidthFull();
        grid.setEmptyStateText("No commands sent yet.");
        H4 title = new H4("Command history");
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> load());
        refresh.setId("commands-refresh");
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout bar = new HorizontalLayout(title, refresh);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        Div box = new Div(bar, grid);
        box.setWidthFull();
        return box;
    }

    private void loadTwin() {
        executor.load(
                UI.getCurrent(),
                () -> twins.get(deviceId),
                twin -> {
                    etag = twin.etag();
                    var shown = jakarta.json.spi.JsonProvider.provider()
                            .createObjectBuilder(twin.desired())
                            .remove("$version")
                            .build();
                    desired.setValue(shown.toString());
                    var rep = jakarta.json.spi.JsonProvider.provider()
                            .createObjectBuilder(twin.reported())
                            .remove("$version")
                            .build();
                    reported.setText(rep.isEmpty() ? "none yet" : rep.toString());
                    versions.setText("desired version " + twin.desiredVersion() + " · reported version "
                            + twin.reportedVersion() + " · ETag " + twin.etag());
                },
                e -> versions.setText("twin not available: " + e.getMessage()));
    }

    private void loadHistory() {
        executor.load(
                UI.getCurrent(),
                () -> history.recent(deviceId, 50),
                grid::setItems,
                e -> grid.setEmptyStateText("History not available: " + e.getMessage()));
    }

    private static VerticalLayout card(String title, com.vaadin.flow.component.Component... parts) {
        VerticalLayout card = new VerticalLayout(new H4(title));
        card.add(parts);
        card.setPadding(true);
        card.setSpacing(false);
        card.addClassNames(
                LumoUtility.Border.ALL, LumoUtility.BorderRadius.MEDIUM, LumoUtility.BorderColor.CONTRAST_10);
        card.setWidth("24em");
        card.getStyle().set("flex-grow", "1");
        return card;
    }

    private static String message(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        while (cause instanceof jakarta.ejb.EJBException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
