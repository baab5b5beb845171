package org.iotplatform.web.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
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
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.theme.lumo.Lumo;
import com.vaadin.flow.theme.lumo.LumoUtility;

import org.iotplatform.web.security.ViewAccessGuard;
import org.iotplatform.web.ui.audit.AuditView;
import org.iotplatform.web.ui.devices.DevicesView;
import org.iotplatform.web.ui.operators.OperatorsView;
import org.iotplatform.web.ui.overview.OverviewView;
import org.iotplatform.web.ui.routing.RoutesView;

/** The dashboard's frame: title, navigation (only what the operator may open), theme switch, sign-out. */
public class MainLayout extends AppLayout {

    private static final String THEME_ATTRIBUTE = MainLayout.class.getName() + ".dark";

    private final Button themeToggle = new Button();

    public MainLayout() {
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

        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), title, spacer(), themeToggle, who, signOut);
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

    private SideNav navigation() {
        SideNav nav = new SideNav();
        nav.setId("navigation");
        nav.addItem(new SideNavItem("Overview", OverviewView.class, VaadinIcon.DASHBOARD.create()));
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
