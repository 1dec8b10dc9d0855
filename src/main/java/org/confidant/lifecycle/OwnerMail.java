package org.confidant.lifecycle;

import java.util.List;

import org.confidant.egress.Egress;
import org.confidant.egress.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.stereotype.Component;

/**
 * Emails a workspace's owners about its end, through the egress gate's mail sender
 * ({@code spring.mail.*}, {@link Flow#CANCELLATION_EMAIL}), from
 * {@code confidant.lifecycle.mail-from}. Without an SMTP server nothing is sent; a
 * failure is logged (never the text) and changes nothing.
 */
@Component
class OwnerMail {

    private static final Logger log = LoggerFactory.getLogger(OwnerMail.class);

    private final Egress egress;

    private final LifecycleSettings settings;

    OwnerMail(Egress egress, LifecycleSettings settings) {
        this.egress = egress;
        this.settings = settings;
    }

    void send(List<String> owners, String subject, String text) {
        if (!egress.mailAvailable() || owners.isEmpty()) {
            return;
        }
        for (String owner : owners) {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(settings.mailFrom());
            message.setTo(owner);
            message.setSubject(subject);
            message.setText(text);
            try {
                egress.mail(Flow.CANCELLATION_EMAIL, message);
            }
            catch (MailException e) {
                log.warn("an email about a workspace's cancellation could not be sent: {}",
                        e.getClass().getSimpleName());
            }
        }
    }

}
