package io.envwatch.alerting.notifications;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature on every webhook: header {@code X-EnvWatch-Signature: t=<unix seconds>,v1=<hex>}
 * where v1 is HMAC-SHA256 of {@code "<t>.<body>"} under the channel's secret. Signing the time
 * with the body lets a receiver refuse an old request replayed (docs/duty-alerts.md).
 */
public final class WebhookSignature {
    public static final String HEADER = "X-EnvWatch-Signature";

    private WebhookSignature() {}

    public static String sign(String secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(hmac(secret, unixSeconds, body));
    }

    /**
     * What a receiver checks: the signature matches the body and was made within
     * {@code toleranceSeconds} of {@code nowSeconds}.
     */
    public static boolean verify(String secret, String header, byte[] body, long nowSeconds, long toleranceSeconds) {
        if (header == null) {
            return false;
        }
        Long t = null;
        byte[] given = null;
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) {
                return false;
            }
            try {
                if ("t".equals(kv[0])) {
                    t = Long.parseLong(kv[1]);
                } else if ("v1".equals(kv[0])) {
                    given = HexFormat.of().parseHex(kv[1]);
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        if (t == null || given == null || Math.abs(nowSeconds - t) > toleranceSeconds) {
            return false;
        }
        return MessageDigest.isEqual(given, hmac(secret, t, body));
    }

    private static byte[] hmac(String secret, long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is in every JVM", e);
        }
    }
}
