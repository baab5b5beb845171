package org.iotplatform.web.ui.devices;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.receivers.MemoryBuffer;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.provider.ConfigurableFilterDataProvider;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.StreamResource;
import com.vaadin.flow.server.VaadinRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVPrinter;
import org.iotplatform.operators.Role;
import org.iotplatform.registry.ConnectionState;
import org.iotplatform.registry.DeviceCredentials;
import org.iotplatform.registry.DeviceExistsException;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.registry.DeviceImport;
import org.iotplatform.registry.DeviceQuery;
import org.iotplatform.registry.DeviceRegistry;
import org.iotplatform.registry.DeviceStatus;
import org.iotplatform.registry.ImportRejectedException;
import org.iotplatform.registry.InvalidDeviceException;
import org.iotplatform.registry.RegisteredDevice;
import org.iotplatform.web.api.devices.DeviceCsv;
import org.iotplatform.web.ui.CurrentOperator;

/** The device registry for operators: find devices; admins also create, disable, re-key, delete, import, export. */
@Route("devices")
@Menu(title = "Devices", order = 3, icon = "vaadin:cluster")
@PageTitle("Devices · IoT Platform")
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class DevicesView extends VerticalLayout implements BeforeEnterObserver {

    /** Deep links: {@code /devices?q=pump} and {@code /devices?tag=station:station-01} (what the search box sends). */
    public static final String SEARCH_PARAMETER = "q";

    public static final String TAG_PARAMETER = "tag";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final DeviceRegistry registry;
    private final boolean admin;
    private final Grid<RegisteredDevice> grid = new Grid<>();
    private final TextField search = new TextField();
    private final Select<String> status = new Select<>();
    private final Select<String> connection = new Select<>();
    private final TextField tag = new TextField();
    private final ConfigurableFilterDataProvider<RegisteredDevice, Void, DeviceQuery> data;

    @Inject
    public DevicesView(DeviceRegistry registry) {
        this.registry = registry;
        VaadinRequest request = VaadinRequest.getCurrent();
        this.admin = request != null && request.isUserInRole(Role.ADMIN_NAME);
        setId("devices");
        setSizeFull();

        this.data = new CallbackDataProvider<RegisteredDevice, DeviceQuery>(
                        q ->
                                registry
                                        .search(q.getFilter().orElse(DeviceQuery.all()), q.getPage(), q.getPageSize())
                                        .items()
                                        .stream(),
                        q -> (int) registry.search(q.getFilter().orElse(DeviceQuery.all()), 0, 1)
                                .total())
                .withConfigurableFilter();

        add(header(), filters(), configureGrid());
        applyFilter();
    }

    private Component header() {
        HorizontalLayout bar = new HorizontalLayout(new H2("Devices"));
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        bar.setWidthFull();
        if (admin) {
            Button create = new Button("New device", VaadinIcon.PLUS.create(), e -> openCreateDialog());
            create.setId("new-device");
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

            MemoryBuffer buffer = new MemoryBuffer();
            Upload upload = new Upload(buffer);
            upload.setId("import-devices");
            upload.setAcceptedFileTypes(".csv", "text/csv");
            upload.setMaxFileSize(64 * 1024 * 1024);
            upload.setUploadButton(new Button("Import CSV", VaadinIcon.UPLOAD.create()));
            upload.setDropAllowed(false);
            upload.addSucceededListener(e -> importCsv(buffer));

            StreamResource csv = new StreamResource("devices.csv", this::exportCsv);
            // every device's keys: no browser or proxy cache may keep a copy (Vaadin's default is no-cache)
            csv.setHeader("Cache-Control", "no-store");
            csv.setHeader("Pragma", "no-cache");
            Anchor export = new Anchor(csv, "");
            export.getElement().setAttribute("download", true);
            Button exportButton = new Button("Export CSV", VaadinIcon.DOWNLOAD.create());
            export.add(exportButton);
            export.setId("export-devices");
            bar.add(create, upload, export);
        }
        return bar;
    }

    private Component filters() {
        search.setPlaceholder("Search device id");
        search.setId("device-search");
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> {
            applyFilter();
            if (e.isFromClient()) {
                keepInUrl();
            }
        });
        status.setLabel("Status");
        status.setItems("any", "enabled", "disabled");
        status.setValue("any");
        status.addValueChangeListener(e -> applyFilter());
        connection.setLabel("Connection");
        connection.setItems("any", "connected", "disconnected");
        connection.setValue("any");
        connection.addValueChangeListener(e -> applyFilter());
        tag.setPlaceholder("tag or tag:value");
        tag.setId("device-tag-filter");
        tag.setClearButtonVisible(true);
        tag.setValueChangeMode(ValueChangeMode.LAZY);
        tag.addValueChangeListener(e -> {
            applyFilter();
            if (e.isFromClient()) {
                keepInUrl();
            }
        });
        HorizontalLayout row = new HorizontalLayout(search, status, connection, tag);
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        return row;
    }

    private Grid<RegisteredDevice> configureGrid() {
        grid.setId("devices-grid");
        // a real link rather than a row click: it can open in a new tab, and does not fire with the admin buttons
        grid.addColumn(LitRenderer.<RegisteredDevice>of(
                                "<a class=\"device-link\" href=\"${item.href}\" router-link>${item.id}</a>")
                        .withProperty("id", RegisteredDevice::deviceId)
                        .withProperty(
                                "href",
                                d -> RouteConfiguration.forSessionScope()
                                        .getUrl(DeviceView.class, DeviceView.parameters(DeviceId.of(d.deviceId())))))
                .setHeader("Device")
                .setAutoWidth(true)
                .setFlexGrow(1);
        grid.addColumn(RegisteredDevice::status).setHeader("Status").setAutoWidth(true);
        grid.addColumn(RegisteredDevice::connectionState)
                .setHeader("Connection")
                .setAutoWidth(true);
        grid.addColumn(d -> d.lastActivityTime() == null ? "never" : TIME.format(d.lastActivityTime()))
                .setHeader("Last activity (UTC)")
                .setAutoWidth(true);
        grid.addColumn(d -> DeviceCsv.tagsText(d.tags())).setHeader("Tags").setFlexGrow(1);
        if (admin) {
            grid.addComponentColumn(this::actions)
                    .setHeader("")
                    .setAutoWidth(true)
                    .setFlexGrow(0);
        }
        grid.setEmptyStateText("No devices match.");
        grid.setItems(data);
        return grid;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameters = event.getLocation().getQueryParameters().getParameters();
        search.setValue(parameters.getOrDefault(SEARCH_PARAMETER, List.of("")).get(0));
        tag.setValue(parameters.getOrDefault(TAG_PARAMETER, List.of("")).get(0));
    }

    /** The filters in the URL, so a reload or a shared link shows the same devices. */
    private void keepInUrl() {
        java.util.Map<String, String> parameters = new java.util.LinkedHashMap<>();
        if (!search.getValue().isBlank()) {
            parameters.put(SEARCH_PARAMETER, search.getValue());
        }
        if (!tag.getValue().isBlank()) {
            parameters.put(TAG_PARAMETER, tag.getValue());
        }
        UI.getCurrent()
                .getPage()
                .getHistory()
                .replaceState(null, new Location("devices", QueryParameters.simple(parameters)));
    }

    private void applyFilter() {
        DeviceQuery query = DeviceQuery.withTag(
                new DeviceQuery(
                        Optional.ofNullable(status.getValue())
                                .filter(s -> !"any".equals(s))
                                .map(DeviceStatus::of),
                        Optional.ofNullable(connection.getValue())
                                .filter(s -> !"any".equals(s))
                                .map(ConnectionState::of),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.ofNullable(search.getValue()).filter(s -> !s.isBlank())),
                tag.getValue());
        data.setFilter(query);
    }

    private Component actions(RegisteredDevice device) {
        DeviceId id = DeviceId.of(device.deviceId());
        boolean enabled = DeviceStatus.ENABLED.value().equals(device.status());
        Button toggle = new Button(
                enabled ? "Disable" : "Enable",
                e -> run(
                        () -> registry.changeStatus(
                                id, enabled ? DeviceStatus.DISABLED : DeviceStatus.ENABLED, CurrentOperator.username()),
                        device.deviceId() + (enabled ? " disabled" : " enabled")));
        toggle.addThemeVariants(ButtonVariant.LUMO_SMALL);
        Button rekey = new Button("New keys", e -> {
            DeviceCredentials c =
                    registry.regenerateKeys(id, DeviceRegistry.KeySelection.BOTH, CurrentOperator.username());
            showConnectionString(c, "New keys for " + device.deviceId());
        });
        rekey.addThemeVariants(ButtonVariant.LUMO_SMALL);
        Button delete = new Button("Delete", e -> confirmDelete(device));
        delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        return new HorizontalLayout(toggle, rekey, delete);
    }

    private void confirmDelete(RegisteredDevice device) {
        Dialog confirm = new Dialog();
        confirm.setHeaderTitle("Delete " + device.deviceId() + "?");
        confirm.add(new Paragraph("The device loses its identity and is disconnected. This cannot be undone."));
        Button yes = new Button("Delete", e -> {
            run(
                    () -> registry.delete(DeviceId.of(device.deviceId()), CurrentOperator.username()),
                    device.deviceId() + " deleted");
            confirm.close();
        });
        yes.setId("confirm-delete");
        yes.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        confirm.getFooter().add(new Button("Cancel", e -> confirm.close()), yes);
        confirm.open();
    }

    private void openCreateDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New device");
        TextField id = new TextField("Device id");
        id.setId("new-device-id");
        id.setHelperText("1-128 of letters, digits, - . _ :");
        TextField tags = new TextField("Tags");
        tags.setId("new-device-tags");
        tags.setPlaceholder("station=north;kind=pump");
        dialog.add(new VerticalLayout(id, tags));
        Button save = new Button("Create", e -> {
            try {
                DeviceCredentials c = registry.register(
                        DeviceId.of(id.getValue().trim()),
                        DeviceCsv.tags(tags.getValue()),
                        DeviceStatus.ENABLED,
                        CurrentOperator.username());
                dialog.close();
                data.refreshAll();
                showConnectionString(c, "Device " + c.deviceId() + " created");
            } catch (InvalidDeviceException | DeviceExistsException ex) {
                error(ex.getMessage());
            }
        });
        save.setId("create-device");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    /** The connection string is shown once; the keys are only stored encrypted. */
    private void showConnectionString(DeviceCredentials credentials, String title) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(title);
        TextArea cs = new TextArea("Connection string (shown once: copy it now)");
        cs.setId("connection-string");
        cs.setValue(credentials.connectionString());
        cs.setReadOnly(true);
        cs.setWidth("36em");
        Button copy = new Button("Copy", VaadinIcon.COPY.create(), e -> {
            cs.getElement()
                    .executeJs(
                            "navigator.clipboard && navigator.clipboard.writeText($0)", credentials.connectionString());
            Notification.show("Copied", 2000, Notification.Position.BOTTOM_START);
        });
        dialog.add(cs);
        Button close = new Button("Done", e -> dialog.close());
        close.setId("connection-string-done");
        dialog.getFooter().add(copy, close);
        dialog.open();
    }

    private void importCsv(MemoryBuffer buffer) {
        try {
            List<DeviceImport.Line> lines =
                    DeviceCsv.parse(new InputStreamReader(buffer.getInputStream(), StandardCharsets.UTF_8));
            int n = registry.importDevices(lines, CurrentOperator.username()).imported();
            Notification.show(n + " devices imported", 4000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            data.refreshAll();
        } catch (ImportRejectedException e) {
            StringBuilder report = new StringBuilder(e.getMessage()).append('\n');
            e.errors().stream()
                    .limit(50)
                    .forEach(err -> report.append("line ")
                            .append(err.line())
                            .append(" (")
                            .append(err.deviceId())
                            .append("): ")
                            .append(err.error())
                            .append('\n'));
            Dialog d = new Dialog();
            d.setHeaderTitle("Import rejected");
            TextArea text = new TextArea();
            text.setValue(report.toString());
            text.setReadOnly(true);
            text.setWidth("40em");
            d.add(text);
            d.getFooter().add(new Button("Close", ev -> d.close()));
            d.open();
        } catch (InvalidDeviceException | IOException e) {
            error(e.getMessage());
        }
    }

    private java.io.InputStream exportCsv() {
        // Dashboard exports are for a person at a screen; the REST export streams for any size.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CSVPrinter printer = DeviceCsv.printer(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
            registry.credentialsExported(CurrentOperator.username());
            DeviceId after = null;
            List<DeviceRegistry.DeviceCredentialsAndDevice> batch;
            do {
                batch = registry.exportBatch(after, 500);
                for (DeviceRegistry.DeviceCredentialsAndDevice e : batch) {
                    printer.printRecord(
                            e.device().deviceId(),
                            e.device().status(),
                            e.credentials().primaryKey().base64(),
                            e.credentials().secondaryKey().base64(),
                            DeviceCsv.tagsText(e.device().tags()));
                    after = e.credentials().deviceId();
                }
            } while (batch.size() == 500);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new java.io.ByteArrayInputStream(out.toByteArray());
    }

    private void run(Runnable action, String success) {
        try {
            action.run();
            Notification.show(success, 3000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            data.refreshAll();
        } catch (InvalidDeviceException e) {
            error(e.getMessage());
        }
    }

    private static void error(String message) {
        Notification.show(message, 5000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
}
