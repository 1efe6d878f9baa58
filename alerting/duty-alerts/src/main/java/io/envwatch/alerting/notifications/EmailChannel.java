package io.envwatch.alerting.notifications;

import io.envwatch.district.language.Voice;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * E-mail over SMTP (Jakarta Mail): a plain-text and an HTML part in UTF-8, the subject the alert's
 * title, the console link in both. STARTTLS and authentication are settings, the password comes
 * from the environment. Sending blocks, so each attempt runs on a worker. A connection that fails
 * or a server that answers 4xx is tried again; a refused sign-in or refused addresses are not.
 */
public final class EmailChannel extends RetryingChannel {
    /**
     * Where and how to send.
     *
     * @param starttls upgrade the connection with STARTTLS (required: a server that cannot is refused)
     * @param username null to send without authenticating
     */
    public record Smtp(
            String host, int port, boolean starttls, String username, String password, String from, List<String> to) {}

    private final Smtp smtp;
    private final Session session;
    private final String consoleUrl;
    private final Voice voice;

    public EmailChannel(
            Vertx vertx,
            String id,
            Audience audience,
            Smtp smtp,
            String consoleUrl,
            Voice voice,
            int maxAttempts,
            Duration firstRetryAfter,
            Clock clock) {
        super(vertx, id, "e-mail", audience, maxAttempts, firstRetryAfter, clock);
        this.smtp = smtp;
        this.consoleUrl = consoleUrl;
        this.voice = voice;
        Properties p = new Properties();
        p.put("mail.smtp.host", smtp.host());
        p.put("mail.smtp.port", String.valueOf(smtp.port()));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "20000");
        p.put("mail.smtp.writetimeout", "20000");
        if (smtp.starttls()) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (smtp.username() != null) {
            p.put("mail.smtp.auth", "true");
        }
        this.session = Session.getInstance(
                p,
                smtp.username() == null
                        ? null
                        : new Authenticator() {
                            @Override
                            protected PasswordAuthentication getPasswordAuthentication() {
                                return new PasswordAuthentication(smtp.username(), smtp.password());
                            }
                        });
    }

    @Override
    protected Future<Attempt> send(Notification n, int attempt) {
        NotificationText text = NotificationText.of(n, consoleUrl, voice);
        return vertx.executeBlocking(() -> {
            try {
                Transport.send(message(n, text));
                return Attempt.DELIVERED;
            } catch (SendFailedException e) {
                return Attempt.failed("refused: " + e.getMessage());
            } catch (AuthenticationFailedException e) {
                return Attempt.failed("the server refused the sign-in: " + e.getMessage());
            } catch (MessagingException e) {
                return Attempt.retry(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        });
    }

    MimeMessage message(Notification n, NotificationText text) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(smtp.from()));
        for (String to : smtp.to()) {
            m.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
        }
        m.setSubject(text.title(), "UTF-8");
        m.setSentDate(new Date(clock.millis()));
        // A header is ASCII: an id with a Chinese site name in it is encoded (RFC 2047).
        try {
            m.setHeader("X-EnvWatch-Delivery", MimeUtility.encodeText(n.deliveryId(), "UTF-8", "B"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is part of every JDK", e);
        }
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text.plain(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(text.html(), "UTF-8", "html");
        m.setContent(new MimeMultipart("alternative", plain, html));
        return m;
    }
}
