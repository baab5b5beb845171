package org.iotplatform.web.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** A mocked Vaadin (Karibu-Testing) with the dashboard's routes, for fast view tests: no server, no browser. */
public abstract class KaribuTest {

    private static Routes routes;

    @BeforeAll
    static void discoverRoutes() {
        if (routes == null) {
            routes = new Routes().autoDiscoverViews("org.iotplatform.web.ui");
            routes.getRoutes().remove(org.iotplatform.web.ui.overview.OverviewView.class);
            routes.getRoutes().add(org.iotplatform.web.karibu.EmptyRoot.class);
        }
    }

    @BeforeEach
    void mockVaadin() {
        MockVaadin.setup(routes);
    }

    @AfterEach
    void tearDownVaadin() {
        MockVaadin.tearDown();
    }
}
