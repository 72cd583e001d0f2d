package dev.modelfactory.ledger.dataset.check;

import dev.modelfactory.ledger.dataset.Conversation;
import dev.modelfactory.ledger.dataset.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data and secrets in text, with the span of each match.
 *
 * <p>Rules, each a candidate pattern plus a validation that keeps false positives down:
 * <ul>
 * <li>email: local part, {@code @}, dotted domain with a 2..24 letter top-level domain;</li>
 * <li>credit card: 13..19 digits (single spaces or hyphens between them allowed) with a known issuer
 *     prefix (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay) that pass {@link Luhn};</li>
 * <li>IBAN: country code, check digits, 11..30 alphanumerics (space-grouped or not) that pass
 *     {@link Iban} mod-97;</li>
 * <li>IP address: dotted-quad IPv4 with octets 0..255 (not part of a longer dotted number such as a
 *     version), and IPv6 in its full, compressed ({@code ::}) or IPv4-suffixed forms;</li>
 * <li>phone: an optional {@code +} country code, then digit groups separated by spaces, dots, hyphens
 *     or parentheses, 10..15 digits (8..15 after a {@code +}); dates, digit-grouped amounts
 *     ({@code 1 000 000}) and spans already taken by a card, IBAN or IP are not phones;</li>
 * <li>secrets: AWS access key ids ({@code AKIA}/{@code ASIA}...), GitHub tokens ({@code ghp_} and
 *     friends, {@code github_pat_}), OpenAI keys ({@code sk-}, with letters and digits), Slack tokens
 *     ({@code xox?-}), PEM private key headers, and any other run of 32+ base64/url-safe characters
 *     with mixed case, digits and a Shannon entropy of at least {@value #MIN_ENTROPY} bits per
 *     character (hex digests stay below it, random keys lie above).</li>
 * </ul>
 * Cheap character tests run before each pattern, so clean text costs a few scans. Thread-safe.
 */
public final class PiiDetector {

    /** Bits per character above which a long mixed token counts as a secret. */
    static final double MIN_ENTROPY = 4.3;

    private static final Pattern EMAIL = Pattern.compile("(?<![\\w.%+-])[A-Za-z0-9._%+-]{1,64}@"
            + "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}(?![\\w-])");
    private static final Pattern CARD = Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d])");
    private static final Pattern IBAN = Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])");
    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile("(?<![\\d.])" + OCTET + "(?:\\." + OCTET + "){3}(?!\\d|\\.\\d)");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w+.-])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{1,4}\\)[ .-]?)?"
            + "\\d{1,4}(?:[ .-]\\d{1,4}){1,5}(?![\\w]|[.-]\\d)|(?<![\\w+])\\+\\d{8,15}(?!\\w)");
    private static final Pattern DATE = Pattern.compile("\\d{4}[-./]\\d{1,2}[-./]\\d{1,2}|\\d{1,2}[-./]\\d{1,2}[-./]\\d{2,4}");
    private static final Pattern AWS = Pattern.compile("(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}(?![A-Z0-9])");
    private static final Pattern GITHUB = Pattern.compile("(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,255}"
            + "|github_pat_[A-Za-z0-9_]{22,255})(?![A-Za-z0-9_])");
    private static final Pattern OPENAI = Pattern.compile("(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-)?([A-Za-z0-9_-]{20,})(?![A-Za-z0-9_-])");
    private static final Pattern SLACK = Pattern.compile("(?<![A-Za-z0-9-])xox[abposr]-[A-Za-z0-9-]{10,}");
    private static final Pattern PEM = Pattern.compile("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----");

    /** Every match in a row: its raw text (field {@link PiiMatch#TEXT_FIELD}) and each message by index. */
    public List<PiiMatch> find(Conversation row) {
        List<PiiMatch> out = new ArrayList<>();
        if (row.text() != null) {
            find(row.text(), PiiMatch.TEXT_FIELD, out);
        }
        List<Message> messages = row.messages();
        for (int i = 0; i < messages.size(); i++) {
            find(messages.get(i).content(), i, out);
        }
        return out;
    }

    /** Adds the matches in {@code text} (as field {@code field}) to {@code out}, in order of kind then position. */
    public void find(String text, int field, List<PiiMatch> out) {
        int before = out.size();
        boolean at = text.indexOf('@') >= 0;
        int digits = countDigits(text);
        if (at) {
            add(EMAIL, text, field, PiiKind.EMAIL, "email", out, before);
        }
        secrets(text, field, out, before);
        if (digits >= 13) {
            cards(text, field, out, before);
        }
        if (digits >= 2 && hasUpperPair(text)) {
            ibans(text, field, out, before);
        }
        if (text.indexOf(':') >= 0 && text.indexOf(':') != text.lastIndexOf(':')) {
            ipv6(text, field, out, before);
        }
        if (digits >= 4 && text.indexOf('.') >= 0) {
            add(IPV4, text, field, PiiKind.IP_ADDRESS, "ipv4", out, before);
        }
        if (digits >= 8) {
            phones(text, field, out, before);
        }
    }

    private static void secrets(String text, int field, List<PiiMatch> out, int from) {
        if (text.contains("AKIA") || text.contains("ASIA") || text.contains("ABIA") || text.contains("ACCA")) {
            add(AWS, text, field, PiiKind.SECRET, "aws-access-key", out, from);
        }
        if (text.contains("gh") && text.indexOf('_') >= 0) {
            add(GITHUB, text, field, PiiKind.SECRET, "github-token", out, from);
        }
        if (text.contains("sk-")) {
            Matcher m = OPENAI.matcher(text);
            while (m.find()) {
                String tail = m.group(1);
                if (hasDigit(tail) && hasLetter(tail)) {
                    addIfFree(out, from, new PiiMatch(PiiKind.SECRET, field, m.start(), m.end(), "openai-key"));
                }
            }
        }
        if (text.contains("xox")) {
            add(SLACK, text, field, PiiKind.SECRET, "slack-token", out, from);
        }
        if (text.contains("-----BEGIN ")) {
            add(PEM, text, field, PiiKind.SECRET, "private-key", out, from);
        }
        highEntropy(text, field, out, from);
    }

    /** Runs of 32..512 base64/url-safe characters with upper, lower, digit and high entropy. */
    private static void highEntropy(String text, int field, List<PiiMatch> out, int from) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isKeyChar(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && isKeyChar(text.charAt(i))) {
                i++;
            }
            int len = i - start;
            if (len >= 32 && len <= 512 && entropyToken(text, start, i)) {
                addIfFree(out, from, new PiiMatch(PiiKind.SECRET, field, start, i, "high-entropy-token"));
            }
        }
    }

    private static boolean entropyToken(String text, int start, int end) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        int[] counts = new int[128];
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
            counts[c]++;
        }
        return upper && lower && digit && entropy(counts, end - start) >= MIN_ENTROPY;
    }

    /** Shannon entropy in bits per symbol of a histogram over {@code n} symbols. */
    static double entropy(int[] counts, int n) {
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / n;
                h -= p * Math.log(p);
            }
        }
        return h / Math.log(2);
    }

    private static boolean isKeyChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                || c == '=' || c == '_' || c == '-';
    }

    private static void cards(String text, int field, List<PiiMatch> out, int from) {
        Matcher m = CARD.matcher(text);
        while (m.find()) {
            String digits = m.group().replace(" ", "").replace("-", "");
            if (digits.length() >= 13 && digits.length() <= 19 && knownIssuer(digits) && Luhn.isValid(digits)) {
                addIfFree(out, from, new PiiMatch(PiiKind.CREDIT_CARD, field, m.start(), m.end(), "card"));
            }
        }
    }

    /** Issuer identification prefixes of the major card networks. */
    static boolean knownIssuer(String d) {
        int two = Integer.parseInt(d.substring(0, 2));
        int four = Integer.parseInt(d.substring(0, 4));
        int len = d.length();
        return d.charAt(0) == '4' && (len == 13 || len == 16 || len == 19)
                || (two >= 51 && two <= 55 || four >= 2221 && four <= 2720) && len == 16
                || (two == 34 || two == 37) && len == 15
                || (four == 6011 || two == 65 || four / 10 >= 644 && four / 10 <= 649) && len >= 16
                || two == 35 && len >= 16
                || (two == 30 || two == 36 || two == 38 || two == 39) && len >= 14
                || two == 62 && len >= 16;
    }

    private static void ibans(String text, int field, List<PiiMatch> out, int from) {
        Matcher m = IBAN.matcher(text);
        while (m.find()) {
            int end = m.end();
            // the pattern may swallow a following space-separated word: drop trailing groups until valid
            while (end - m.start() >= 15) {
                String candidate = text.substring(m.start(), end);
                if (Iban.isValid(candidate.replace(" ", ""))) {
                    addIfFree(out, from, new PiiMatch(PiiKind.IBAN, field, m.start(), end, "iban"));
                    break;
                }
                int space = candidate.lastIndexOf(' ');
                if (space < 0) {
                    break;
                }
                end = m.start() + space;
            }
        }
    }

    /** Maximal runs of hex digits, colons and dots with two colons or more, bounded by non-word characters. */
    private static void ipv6(String text, int field, List<PiiMatch> out, int from) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isIpv6Char(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            int colons = 0;
            while (i < n && isIpv6Char(text.charAt(i))) {
                colons += text.charAt(i) == ':' ? 1 : 0;
                i++;
            }
            int end = i;
            while (end > start && text.charAt(end - 1) == '.') {
                end--;
            }
            boolean bounded = (start == 0 || !isWordChar(text.charAt(start - 1))) && (i == n || !isWordChar(text.charAt(i)));
            if (colons >= 2 && bounded && isIpv6(text.substring(start, end))) {
                addIfFree(out, from, new PiiMatch(PiiKind.IP_ADDRESS, field, start, end, "ipv6"));
            }
        }
    }

    private static boolean isIpv6Char(char c) {
        return c == ':' || c == '.' || Character.digit(c, 16) >= 0 && c < 128;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** RFC 4291 text forms: eight groups, or fewer around one {@code ::}, optionally ending in an IPv4. */
    static boolean isIpv6(String s) {
        int dbl = s.indexOf("::");
        if (s.contains(":::") || dbl >= 0 && s.indexOf("::", dbl + 1) >= 0 || !hasHexDigit(s)) {
            return false;
        }
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        int groups = 0;
        String[] parts = (dbl >= 0 ? (head + (head.isEmpty() || tail.isEmpty() ? "" : ":") + tail) : head).split(":", -1);
        if (parts.length == 1 && parts[0].isEmpty()) {
            parts = new String[0];
        }
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && p.indexOf('.') >= 0) {
                if (!IPV4.matcher(p).matches()) {
                    return false;
                }
                groups += 2;
            } else if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return false;
            } else {
                groups++;
            }
        }
        return dbl >= 0 ? groups <= 7 : groups == 8;
    }

    private static void phones(String text, int field, List<PiiMatch> out, int from) {
        Matcher m = PHONE.matcher(text);
        while (m.find()) {
            String s = m.group();
            int digits = countDigits(s);
            boolean plus = s.startsWith("+");
            if (digits > 15 || digits < (plus ? 8 : 10) || DATE.matcher(s).find() || groupedNumber(s)) {
                continue;
            }
            addIfFree(out, from, new PiiMatch(PiiKind.PHONE, field, m.start(), m.end(), "phone"));
        }
    }

    /** {@code 1 000 000} / {@code 12,345,678}: thousands grouping, not a phone. */
    private static boolean groupedNumber(String s) {
        String[] groups = s.split("[ ,]");
        if (groups.length < 3 || s.indexOf('-') >= 0 || s.indexOf('.') >= 0 || s.indexOf('(') >= 0 || s.startsWith("+")) {
            return false;
        }
        for (int i = 1; i < groups.length; i++) {
            if (groups[i].length() != 3) {
                return false;
            }
        }
        return true;
    }

    private static void add(Pattern p, String text, int field, PiiKind kind, String detail, List<PiiMatch> out, int from) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            addIfFree(out, from, new PiiMatch(kind, field, m.start(), m.end(), detail));
        }
    }

    /** Adds a match unless it overlaps one already found in the same field (earlier rules win). */
    private static void addIfFree(List<PiiMatch> out, int from, PiiMatch match) {
        for (int i = from; i < out.size(); i++) {
            PiiMatch o = out.get(i);
            if (o.field() == match.field() && o.start() < match.end() && match.start() < o.end()) {
                return;
            }
        }
        out.add(match);
    }

    private static int countDigits(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                n++;
            }
        }
        return n;
    }

    private static boolean hasUpperPair(String s) {
        for (int i = 1; i < s.length(); i++) {
            char a = s.charAt(i - 1);
            char b = s.charAt(i);
            if (a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z') {
                return true;
            }
        }
        return false;
    }

    private static boolean hasDigit(String s) {
        return s.chars().anyMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean hasLetter(String s) {
        return s.chars().anyMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z');
    }

    private static boolean hasHexDigit(String s) {
        return s.chars().anyMatch(c -> Character.digit(c, 16) >= 0);
    }
}
