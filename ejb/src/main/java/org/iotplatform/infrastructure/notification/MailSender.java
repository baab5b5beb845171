package org.iotplatform.infrastructure.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends plain-text e-mail through the Jakarta Mail session the server provides under
 * {@code iot.mail.session} (a Payara mail resource: SMTP host, port, sender and credentials are the
 * server's to configure, not the application's).
 */
@ApplicationScoped
public class MailSender {

    @Inject
    @ConfigProperty(name = "iot.mail.session", defaultValue = "mail/iot")
    String sessionName;

    public void send(List<String> to, String subject, String text) throws NotificationFailedException {
        Session session = session();
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(); // the session's mail.from
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(",", to), true));
            message.setSubject(subject, "UTF-8");
            message.setText(text, "UTF-8");
            message.setSentDate(new Date());
            Transport.send(message);
        } catch (MessagingException e) {
            throw new NotificationFailedException("the mail server did not take the e-mail: " + reasonOf(e));
        }
    }

    private Session session() throws NotificationFailedException {
        try {
            return (Session) new InitialContext().lookup(sessionName);
        } catch (NamingException | ClassCastException e) {
            throw new NotificationFailedException("the server has no mail session '" + sessionName
                    + "' (create one: asadmin create-javamail-resource; see README, \"E-mail\")");
        }
    }

    private static String reasonOf(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
    }
}
