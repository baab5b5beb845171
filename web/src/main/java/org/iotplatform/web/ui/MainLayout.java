package org.iotplatform.web.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.theme.lumo.Lumo;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.inject.Inject;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.registry.DeviceRegistry;
import org.iotplatform.web.security.ViewAccessGuard;
import org.iotplatform.web.ui.audit.AuditView;
import org.iotplatform.web.ui.devices.DeviceView;
import org.iotplatform.web.ui.devices.DevicesView;
import org.iotplatform.web.ui.operators.OperatorsView;
import org.iotplatform.web.ui.overview.OverviewView;
import org.iotplatform.web.ui.routing.RoutesView;
import org.iotplatform.web.ui.stations.StationView;
import org.iotplatform.web.ui.stations.StationsView;
import org.iotplatform.web.ui.vending.VendingView;

/** The dashboard's frame: title, navigation (only what the operator may open), theme switch, sign-out. */
public class MainLayout extends AppLayout {

    private static final String THEME_ATTRIBUTE = MainLayout.class.getName() + ".dark";

    private final Button themeToggle = new Button();

    private final DeviceRegistry registry;

    @Inject
    public MainLayout(DeviceRegistry registry) {
        this.registry = registry;
        H1 title = new H1("IoT Platform");
        title.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.Margin.NONE);

        themeToggle.setId("theme-toggle");
        themeToggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        themeToggle.addClickListener(e -> setDark(!isDark()));

        Span who = new Span(CurrentOperator.username()
                + CurrentOperator.role().map(r -> " · " + r.value()).orElse(""));
        who.setId("current-operator");
        who.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);

        Button signOut = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), e -> signOut());
        signOut.setId("sign-out");
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        HorizontalLayout header =
                new HorizontalLayout(new DrawerToggle(), title, spacer(), search(), themeToggle, who, signOut);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.setWidthFull();
        header.addClassNames(LumoUtility.Padding.End.MEDIUM);
        addToNavbar(header);
        addToDrawer(navigation());
    }

    private static Component spacer() {
        Span s = new Span();
        s.getStyle().set("flex-grow", "1");
        return s;
    }

    /** Finds a device, a station or devices by tag from any view (see {@link SearchTarget}). */
    private Component search() {
        TextField search = new TextField();
        search.setId("global-search");
        search.setPlaceholder("Device id, or tag:value");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setAriaLabel("Search devices and stations");
        search.setTooltipText("A device id, part of one, station:<name> or any tag:value; Enter to go");
        search.setWidth("18em");
        search.addKeyPressListener(Key.ENTER, e -> {
            go(search.getValue());
            search.clear();
        });
        return search;
    }

    private void go(String typed) {
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

    private SideNav navigation() {
        SideNav nav = new SideNav();
        nav.setId("navigation");
        nav.addItem(new SideNavItem("Overview", OverviewView.class, VaadinIcon.DASHBOARD.create()));
        SideNavItem stations = new SideNavItem("Stations", StationsView.class, VaadinIcon.FACTORY.create());
        stations.setMatchNested(true);
        nav.addItem(stations);
        nav.addItem(new SideNavItem("Vending", VendingView.class, VaadinIcon.CART.create()));
        SideNavItem devices = new SideNavItem("Devices", DevicesView.class, VaadinIcon.CLUSTER.create());
        devices.setMatchNested(true); // stays highlighted on a device's page (devices/<id>)
        nav.addItem(devices);
        VaadinRequest request = VaadinRequest.getCurrent();
        if (ViewAccessGuard.isAllowed(RoutesView.class, request)) {
            nav.addItem(new SideNavItem("Routes", RoutesView.class, VaadinIcon.ROAD_BRANCHES.create()));
        }
        if (ViewAccessGuard.isAllowed(OperatorsView.class, request)) {
            nav.addItem(new SideNavItem("Operators", OperatorsView.class, VaadinIcon.USERS.create()));
        }
        if (ViewAccessGuard.isAllowed(AuditView.class, request)) {
            nav.addItem(new SideNavItem("Audit log", AuditView.class, VaadinIcon.LIST.create()));
        }
        return nav;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        setDark(isDark());
    }

    private boolean isDark() {
        return Boolean.TRUE.equals(VaadinSession.getCurrent().getAttribute(THEME_ATTRIBUTE));
    }

    private void setDark(boolean dark) {
        VaadinSession.getCurrent().setAttribute(THEME_ATTRIBUTE, dark);
        var themes = UI.getCurrent().getElement().getThemeList();
        if (dark) {
            themes.add(Lumo.DARK);
        } else {
            themes.remove(Lumo.DARK);
        }
        themeToggle.setIcon(dark ? VaadinIcon.SUN_O.create() : VaadinIcon.MOON_O.create());
        themeToggle.setAriaLabel(dark ? "Switch to light theme" : "Switch to dark theme");
        themeToggle.setTooltipText(dark ? "Light theme" : "Dark theme");
    }

    private void signOut() {
        UI ui = UI.getCurrent();
        VaadinSession.getCurrent().getSession().invalidate();
        ui.getPage().setLocation("/login");
    }
}
