package org.confidant.modularityfixture;

import org.confidant.conversation.MessageMarkdown;

/**
 * Uses a public type of the conversation module that is not in its API: a violation the
 * module check must report.
 */
final class ReachesPastTheApi {

    private ReachesPastTheApi() {
    }

    static Object segments(String text) {
        return MessageMarkdown.segments(text);
    }

}
