package org.shangliang.infra;

import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

/** A real SMTP server (GreenMail) on 127.0.0.1 that keeps every message it receives for reading. */
public final class MailServer implements AutoCloseable {

    private final GreenMail greenMail;
    private final int smtpPort;

    public MailServer(int smtpPort) {
        this.smtpPort = smtpPort;
        this.greenMail = new GreenMail(new ServerSetup(smtpPort, Ports.LOOPBACK, ServerSetup.PROTOCOL_SMTP));
    }

    public MailServer start() {
        greenMail.start();
        return this;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public List<MimeMessage> received() {
        return List.of(greenMail.getReceivedMessages());
    }

    public void purge() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException("Could not clear the mail store", e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
