package io.envwatch.alerting.notifications;

import java.util.List;

/**
 * An HTTP SMS gateway as settings describe it, so that a bureau's provider plugs in without code.
 *
 * @param url where to send; for GET the placeholders may stand in it
 * @param method {@code POST} or {@code GET}
 * @param contentType of a POST's body: {@code application/json} (placeholders filled JSON-escaped)
 *     or {@code application/x-www-form-urlencoded} (filled URL-encoded)
 * @param body the request body with {@code {to}} (the numbers, comma-separated) and {@code {text}}
 * @param authHeader the header that carries the credential, or null
 * @param authValue its value, from the environment
 * @param to the phone numbers the message goes to
 * @param successContains text the provider's answer must contain to mean "sent" (its own success
 *     code), or null when any 2xx means sent
 * @param maxSegments how many SMS segments a message may take (70 characters each for Chinese)
 */
public record SmsGateway(
        String url,
        String method,
        String contentType,
        String body,
        String authHeader,
        String authValue,
        List<String> to,
        String successContains,
        int maxSegments) {
    public static final String JSON = "application/json";
    public static final String FORM = "application/x-www-form-urlencoded";
}
