package org.confidant.lifecycle;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Emails a workspace's owners about its end, through the deployment's mail sender
 * ({@code spring.mail.*}), from {@code confidant.lifecycle.mail-from}. Without an SMTP
 * server nothing is sent; a failure is logged (never the text) and changes nothing.
 */
@Component
class OwnerMail {

    private static final Logger log = LoggerFactory.getLogger(OwnerMail.class);

    private final ObjectProvider<JavaMailSender> mail;

    private final LifecycleSettings settings;

    OwnerMail(ObjectProvider<JavaMailSender> mail, LifecycleSettings settings) {
        this.mail = mail;
        this.settings = settings;
    }

    void send(List<String> owners, String subject, String text) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null || owners.isEmpty()) {
            return;
        }
        for (String owner : owners) {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(settings.mailFrom());
            message.setTo(owner);
            message.setSubject(subject);
            message.setText(text);
            try {
                sender.send(message);
            }
            catch (MailException e) {
                log.warn("an email about a workspace's cancellation could not be sent: {}",
                        e.getClass().getSimpleName());
            }
        }
    }

}
