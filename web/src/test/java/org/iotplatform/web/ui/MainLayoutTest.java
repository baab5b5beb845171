package org.iotplatform.web.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.mock.MockService;
import com.github.mvysny.kaributesting.v10.mock.MockVaadinServlet;
import com.github.mvysny.kaributesting.v10.mock.MockedUI;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.di.Instantiator;
import com.vaadin.flow.function.DeploymentConfiguration;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.ServiceException;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinServletService;
import com.vaadin.flow.server.auth.DefaultMenuAccessControl;
import com.vaadin.flow.server.auth.MenuAccessControl;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import org.iotplatform.operators.Role;
import org.iotplatform.web.karibu.EmptyRoot;
import org.iotplatform.web.ui.overview.OverviewView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The side navigation comes from the views' {@code @Menu} entries, each shown only to who may open it. */
class MainLayoutTest {

    private static final MenuAccessControl MENU_ACCESS = new DefaultMenuAccessControl();

    /**
     * Karibu's instantiator, like vaadin-cdi's, predates Vaadin's menu access control; the application
     * has it as a CDI bean ({@link DashboardMenuAccessControl}), this mocked service hands out the same.
     */
    private static final class MenuServlet extends MockVaadinServlet {

        MenuServlet(Routes routes) {
            super(routes, MockedUI::new);
        }

        @Override
        protected VaadinServletService createServletService(DeploymentConfiguration configuration)
                throws ServiceException {
            VaadinServletService service = new MockService(this, configuration, getUiFactory()) {
                @Override
                public Instantiator getInstantiator() {
                    Instantiator karibu = super.getInstantiator();
                    return (Instantiator) Proxy.newProxyInstance(
                            Instantiator.class.getClassLoader(),
                            new Class<?>[] {Instantiator.class},
                            (proxy, method, args) -> {
                                if (method.getName().equals("getMenuAccessControl")) {
                                    return MENU_ACCESS;
                                }
                                try {
                                    return method.invoke(karibu, args);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                }
            };
            service.init();
            getRoutes().register(service.getContext());
            return service;
        }
    }

    @BeforeEach
    void mockVaadin() {
        Routes routes = new Routes().autoDiscoverViews("org.iotplatform.web.ui");
        routes.getRoutes().remove(OverviewView.class); // its layout needs CDI: the mocked UI starts elsewhere
        routes.getRoutes().add(EmptyRoot.class);
        MockVaadin.setup(MockedUI::new, new MenuServlet(routes));
        // now that the UI stands, the overview takes the root address back: the menu lists it, nobody opens it
        RouteConfiguration.forApplicationScope().removeRoute(EmptyRoot.class);
        RouteConfiguration.forApplicationScope().setAnnotatedRoute(OverviewView.class);
    }

    @AfterEach
    void tearDownVaadin() {
        MockVaadin.tearDown();
    }

    private static void signedInAs(Role role) {
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(() -> "someone");
        request.setUserInRole((principal, name) -> name.equals(role.value()));
    }

    private static List<SideNavItem> menu() {
        // the registry is asked only when someone searches; no critical alert watch here
        MainLayout layout = new MainLayout(null, null);
        return _get(layout, SideNav.class, spec -> spec.withId("navigation")).getItems();
    }

    @Test
    void adminsSeeEveryViewInOrderWithTitlesIconsAndAddresses() {
        signedInAs(Role.ADMIN);
        List<SideNavItem> items = menu();
        assertEquals(
                List.of(
                        "Overview",
                        "Stations",
                        "Vending",
                        "Devices",
                        "Alerts",
                        "Routes",
                        "Rules",
                        "Maintenance",
                        "Operators",
                        "Audit log"),
                items.stream().map(SideNavItem::getLabel).toList());
        assertEquals(
                List.of(
                        "",
                        "stations",
                        "vending",
                        "devices",
                        "alerts",
                        "routes",
                        "rules",
                        "maintenance",
                        "operators",
                        "audit"),
                items.stream().map(SideNavItem::getPath).toList());
        assertEquals(
                List.of(
                        "vaadin:dashboard",
                        "vaadin:factory",
                        "vaadin:cart",
                        "vaadin:cluster",
                        "vaadin:bell",
                        "vaadin:road-branches",
                        "vaadin:bell-o",
                        "vaadin:wrench",
                        "vaadin:users",
                        "vaadin:list"),
                items.stream()
                        .map(i -> ((Icon) i.getPrefixComponent()).getIcon())
                        .toList());
        assertFalse(items.get(0).isMatchNested(), "the overview is not highlighted everywhere");
        assertTrue(items.get(1).isMatchNested(), "a station's page keeps Stations highlighted");
        assertTrue(items.get(3).isMatchNested(), "a device's page keeps Devices highlighted");
    }

    @Test
    void operatorsSeeAlertsRoutesRulesAndMaintenanceButNoAdminViews() {
        signedInAs(Role.OPERATOR);
        assertEquals(
                List.of("Overview", "Stations", "Vending", "Devices", "Alerts", "Routes", "Rules", "Maintenance"),
                menu().stream().map(SideNavItem::getLabel).toList());
    }

    @Test
    void viewersSeeTheFleetAlertsRulesAndMaintenanceOnly() {
        signedInAs(Role.VIEWER);
        assertEquals(
                List.of("Overview", "Stations", "Vending", "Devices", "Alerts", "Rules", "Maintenance"),
                menu().stream().map(SideNavItem::getLabel).toList());
    }
}
