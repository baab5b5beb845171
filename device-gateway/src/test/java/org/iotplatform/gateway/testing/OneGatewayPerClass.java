package org.iotplatform.gateway.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Test classes extending this get a gateway of their own, with default settings, started before
 * their first test and stopped after their last (classes run one after another).
 */
public abstract class OneGatewayPerClass {

    protected static RunningGateway gw;

    @BeforeAll
    static void startGateway() throws Exception {
        gw = RunningGateway.start();
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gw.close();
    }
}
