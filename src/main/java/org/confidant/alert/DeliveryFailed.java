package org.confidant.alert;

/**
 * An attempt to deliver an alert did not succeed; the message is short and holds no
 * secret.
 */
class DeliveryFailed extends Exception {

    DeliveryFailed(String message) {
        super(message, null, false, false);
    }

}
