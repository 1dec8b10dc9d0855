package org.confidant.alert;

/** Where a delivery of an alert to one channel stands. */
public enum DeliveryStatus {

    PENDING, DELIVERED, FAILED

}
