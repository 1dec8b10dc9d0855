package org.confidant.alert;

import org.confidant.egress.Egress;
import org.confidant.egress.Flow;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.stereotype.Component;

/**
 * Delivers alerts by email through the egress gate, to the SMTP server of
 * {@code spring.mail.*}.
 */
@Component
class EmailCourier {

    private final Egress egress;

    private final String from;

    EmailCourier(Egress egress, AlertSettings settings) {
        this.egress = egress;
        this.from = settings.mailFrom();
    }

    /** Whether an SMTP server is configured ({@code spring.mail.host}). */
    boolean isConfigured() {
        return egress.mailAvailable();
    }

    void send(String address, AlertContent content) throws DeliveryFailed {
        if (!egress.mailAvailable()) {
            throw new DeliveryFailed("no SMTP server is configured (spring.mail.host)");
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(address);
        message.setSubject(content.subject());
        message.setText(content.text());
        try {
            egress.mail(Flow.ALERT_EMAIL, message);
        }
        catch (MailException e) {
            throw new DeliveryFailed("SMTP: " + e.getClass().getSimpleName());
        }
    }

}
