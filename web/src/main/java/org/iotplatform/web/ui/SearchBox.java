package org.iotplatform.web.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouteParameters;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.registry.DeviceRegistry;
import org.iotplatform.web.ui.devices.DeviceView;
import org.iotplatform.web.ui.devices.DevicesView;
import org.iotplatform.web.ui.stations.StationView;

/**
 * The header's search box: finds a device, a station or devices by tag from any view (see
 * {@link SearchTarget}) and opens the view that shows it. The layout only places it, so it need not
 * know the views.
 */
final class SearchBox {

    private SearchBox() {}

    static TextField create(DeviceRegistry registry) {
        TextField search = new TextField();
        search.setId("global-search");
        search.setPlaceholder("Device id, or tag:value");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setAriaLabel("Search devices and stations");
        search.setTooltipText("A device id, part of one, station:<name> or any tag:value; Enter to go");
        search.setWidth("18em");
        search.addKeyPressListener(Key.ENTER, e -> {
            go(registry, search.getValue());
            search.clear();
        });
        return search;
    }

    private static void go(DeviceRegistry registry, String typed) {
        SearchTarget target = SearchTarget.of(typed, id -> {
            try {
                return registry.findRegistered(DeviceId.of(id)).isPresent();
            } catch (RuntimeException e) {
                return false; // not a valid id: search for it instead
            }
        });
        UI ui = UI.getCurrent();
        switch (target.kind()) {
            case STATION -> ui.navigate(StationView.class, new RouteParameters(StationView.STATION, target.value()));
            case DEVICE -> ui.navigate(DeviceView.class, new RouteParameters(DeviceView.DEVICE_ID, target.value()));
            case TAG -> ui.navigate(DevicesView.class, QueryParameters.of(DevicesView.TAG_PARAMETER, target.value()));
            case ID_CONTAINS ->
                ui.navigate(DevicesView.class, QueryParameters.of(DevicesView.SEARCH_PARAMETER, target.value()));
            case NOTHING -> {}
        }
    }
}
