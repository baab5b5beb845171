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
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.theme.lumo.Lumo;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.inject.Inject;
import org.iotplatform.registry.DeviceRegistry;
import org.iotplatform.web.security.ViewAccessGuard;
import org.iotplatform.web.ui.alerts.CriticalAlertWatch;

/**
 * The dashboard's frame around every view ({@link Layout}): title, search, navigation (built from the
 * views' {@link Menu} entries, only what the operator may open), theme switch, sign-out, and the
 * notice of a new critical alert.
 */
@Layout
public class MainLayout extends AppLayout {

    private static final String THEME_ATTRIBUTE = MainLayout.class.getName() + ".dark";

    private final Button themeToggle = new Button();

    @Inject
    public MainLayout(DeviceRegistry registry, CriticalAlertWatch criticalAlerts) {
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

        HorizontalLayout header = new HorizontalLayout(
                new DrawerToggle(), title, spacer(), SearchBox.create(registry), themeToggle, who, signOut);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.setWidthFull();
        header.addClassNames(LumoUtility.Padding.End.MEDIUM);
        addToNavbar(header);
        addToDrawer(navigation());
        if (criticalAlerts != null && CriticalAlertWatch.isFor(CurrentOperator.role())) {
            criticalAlerts.watch(this); // around every view, so a critical alert is seen wherever one is
        }
    }

    private static Component spacer() {
        Span s = new Span();
        s.getStyle().set("flex-grow", "1");
        return s;
    }

    /**
     * One entry per view that declares a {@link Menu} and that the operator may open, in the views'
     * order. {@link MenuConfiguration} filters by role only with Vaadin's own access control, which
     * this dashboard does not use, so each entry is checked with {@link ViewAccessGuard}, as navigation is.
     */
    private static SideNav navigation() {
        SideNav nav = new SideNav();
        nav.setId("navigation");
        VaadinRequest request = VaadinRequest.getCurrent();
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            if (entry.menuClass() == null || !ViewAccessGuard.mayOpen(entry.menuClass(), request)) {
                continue;
            }
            String path = entry.path().startsWith("/") ? entry.path().substring(1) : entry.path();
            SideNavItem item = new SideNavItem(entry.title(), path, new Icon(entry.icon()));
            // stays highlighted on the pages below the view's (stations/<name>, devices/<id>)
            item.setMatchNested(!path.isEmpty());
            nav.addItem(item);
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
