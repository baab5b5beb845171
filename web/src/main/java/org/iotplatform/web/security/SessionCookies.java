package org.iotplatform.web.security;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;

/**
 * The dashboard's session cookie: not readable by scripts, and not sent with cross-site requests
 * (SameSite=Lax: a link from elsewhere still opens the dashboard signed in; a forged POST does not
 * carry the session). Payara marks it Secure by itself when the request came over TLS.
 */
@WebListener
public class SessionCookies implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Lax");
    }
}
