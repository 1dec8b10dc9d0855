package org.confidant.alert;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** Delivers alerts by email through the SMTP server of {@code spring.mail.*}. */
@Component
class EmailCourier {

    private final ObjectProvider<JavaMailSender> mail;

    private final String from;

    EmailCourier(ObjectProvider<JavaMailSender> mail, AlertSettings settings) {
        this.mail = mail;
        this.from = settings.mailFrom();
    }

    /** Whether an SMTP server is configured ({@code spring.mail.host}). */
    boolean isConfigured() {
        return mail.getIfAvailable() != null;
    }

    void send(String address, AlertContent content) throws DeliveryFailed {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new DeliveryFailed("no SMTP server is configured (spring.mail.host)");
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(address);
        message.setSubject(content.subject());
        message.setText(content.text());
        try {
            sender.send(message);
        }
        catch (MailException e) {
            throw new DeliveryFailed("SMTP: " + e.getClass().getSimpleName());
        }
    }

}
