package io.envwatch.alerting.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.envwatch.district.language.Language;
import io.envwatch.district.language.Voice;
import io.vertx.core.Vertx;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** E-mail to a real SMTP server in the test (GreenMail), read back as the recipient's mailbox has it. */
class EmailChannelIT {
    private static final Voice SHANGHAI = new Voice(Language.EN, ZoneId.of("Asia/Shanghai"));

    private GreenMail mail;
    private Vertx vertx;

    @BeforeEach
    void start() {
        mail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        mail.start();
        mail.setUser("envwatch@bureau.example.cn", "envwatch", "s3cret-from-env");
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        mail.stop();
    }

    private EmailChannel channel(String password, boolean starttls) {
        return new EmailChannel(
                vertx,
                "leaders-mail",
                Audience.DUTY_LEADER,
                new EmailChannel.Smtp(
                        "127.0.0.1",
                        mail.getSmtp().getPort(),
                        starttls,
                        "envwatch",
                        password,
                        "EnvWatch <envwatch@bureau.example.cn>",
                        List.of("zhang.wei@bureau.example.cn", "li.na@bureau.example.cn")),
                Notifications.CONSOLE,
                SHANGHAI,
                2,
                Duration.ofMillis(50),
                Clock.systemUTC());
    }

    private static Delivery await(io.vertx.core.Future<Delivery> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void theMessageArrivesWithItsSubjectRecipientsTextHtmlAndChineseIntact() throws Exception {
        Delivery delivered = await(channel("s3cret-from-env", false).deliver(Notifications.opened("凤岗五金厂")));
        assertThat(delivered.status()).isEqualTo(Delivery.DELIVERED);
        assertThat(mail.waitForIncomingEmail(10_000, 2)).isTrue();
        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage m = received[0];
        assertThat(m.getSubject())
                .isEqualTo("EnvWatch alert opened: 凤岗五金厂 · Noise: LAeq over 1-minute intervals above the limit");
        assertThat(m.getRecipients(Message.RecipientType.TO))
                .extracting(Object::toString)
                .containsExactly("zhang.wei@bureau.example.cn", "li.na@bureau.example.cn");
        assertThat(MimeUtility.decodeText(m.getHeader("X-EnvWatch-Delivery")[0]))
                .isEqualTo("凤岗五金厂:noise-laeq-1m:1765035600000/1");
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        String plain = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(parts.getBodyPart(0).getContentType()).contains("text/plain").contains("UTF-8");
        assertThat(plain)
                .contains("LAeq 71.2 dB(A) against a night limit of 55 dB(A)")
                .contains("Deadline: acknowledge by 2026-12-06 23:45:00 (Asia/Shanghai)")
                .contains("https://duty.example.cn/console/#alert=凤岗五金厂:noise-laeq-1m:1765035600000");
        assertThat(parts.getBodyPart(1).getContentType()).contains("text/html");
        assertThat(html)
                .contains("<h3>EnvWatch alert opened: 凤岗五金厂")
                .contains("<a href=\"https://duty.example.cn/console/");
        assertThat(GreenMailUtil.getBody(m)).isNotEmpty();
    }

    @Test
    void aRefusedSignInFailsOnceAndARequiredStarttlsIsNeverSkipped() throws Exception {
        Delivery refused = await(channel("wrong", false).deliver(Notifications.opened("FE-N01")));
        assertThat(refused.status()).isEqualTo(Delivery.FAILED);
        assertThat(refused.attempts())
                .as("a wrong password is not a passing trouble")
                .isEqualTo(1);
        assertThat(refused.error()).startsWith("the server refused the sign-in");

        Delivery inTheClear = await(channel("s3cret-from-env", true).deliver(Notifications.opened("FE-N01")));
        assertThat(inTheClear.status())
                .as("this server offers no STARTTLS, and the password is not sent without it")
                .isEqualTo(Delivery.FAILED);
        assertThat(mail.getReceivedMessages()).isEmpty();
    }
}
