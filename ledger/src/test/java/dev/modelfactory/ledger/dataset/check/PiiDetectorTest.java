package dev.modelfactory.ledger.dataset.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PiiDetectorTest {

    private final PiiDetector detector = new PiiDetector();

    private List<String> found(String text, PiiKind kind) {
        List<PiiMatch> out = new ArrayList<>();
        detector.find(text, 0, out);
        return out.stream().filter(m -> m.kind() == kind).map(m -> text.substring(m.start(), m.end())).toList();
    }

    private List<PiiMatch> all(String text) {
        List<PiiMatch> out = new ArrayList<>();
        detector.find(text, 0, out);
        return out;
    }

    @Test
    void luhnKnownAnswers() {
        assertThat(Luhn.isValid("79927398713")).isTrue();
        assertThat(Luhn.isValid("79927398710")).isFalse();
        assertThat(Luhn.isValid("4111111111111111")).isTrue();
        assertThat(Luhn.isValid("4111111111111112")).isFalse();
        assertThat(Luhn.isValid("378282246310005")).isTrue();
        assertThat(Luhn.isValid("41111111x1111111")).isFalse();
    }

    @Test
    void ibanKnownAnswers() {
        assertThat(Iban.isValid("GB82WEST12345698765432")).isTrue();
        assertThat(Iban.isValid("DE89370400440532013000")).isTrue();
        assertThat(Iban.isValid("FR1420041010050500013M02606")).isTrue();
        assertThat(Iban.isValid("GB82WEST12345698765431")).as("one digit changed").isFalse();
        assertThat(Iban.isValid("GB28WEST12345698765432")).as("check digits swapped").isFalse();
        assertThat(Iban.isValid("GB82")).isFalse();
    }

    @Test
    void emails() {
        assertThat(found("Write to jane.doe+news@example.co.uk.", PiiKind.EMAIL)).containsExactly("jane.doe+news@example.co.uk");
        assertThat(found("ping me at ops@mail-01.example.org or at bob@example.com", PiiKind.EMAIL))
                .containsExactly("ops@mail-01.example.org", "bob@example.com");
        assertThat(found("user@localhost, a@b and @handle", PiiKind.EMAIL)).isEmpty();
    }

    @Test
    void creditCardsNeedLuhnAndAnIssuerPrefix() {
        assertThat(found("card 4111 1111 1111 1111 exp 12/29", PiiKind.CREDIT_CARD)).containsExactly("4111 1111 1111 1111");
        assertThat(found("amex 3782-822463-10005", PiiKind.CREDIT_CARD)).containsExactly("3782-822463-10005");
        assertThat(found("card 4111 1111 1111 1112", PiiKind.CREDIT_CARD)).as("fails Luhn").isEmpty();
        assertThat(found("order 0000000000000000", PiiKind.CREDIT_CARD)).as("passes Luhn, no issuer").isEmpty();
        assertThat(all("card 4111 1111 1111 1112")).as("16 digits are no phone either").isEmpty();
    }

    @Test
    void ibansNeedMod97() {
        assertThat(found("pay to DE89 3704 0044 0532 0130 00 today", PiiKind.IBAN)).containsExactly("DE89 3704 0044 0532 0130 00");
        assertThat(found("IBAN: GB82WEST12345698765432.", PiiKind.IBAN)).containsExactly("GB82WEST12345698765432");
        assertThat(found("pay to DE89 3704 0044 0532 0130 01 today", PiiKind.IBAN)).isEmpty();
    }

    @Test
    void ipAddresses() {
        assertThat(found("the server is at 192.168.1.20.", PiiKind.IP_ADDRESS)).containsExactly("192.168.1.20");
        assertThat(found("v1.2.3.4.5 and 999.1.1.1 and 10.0.0", PiiKind.IP_ADDRESS)).isEmpty();
        assertThat(found("connect to 2001:db8::8a2e:370:7334 or ::1 now", PiiKind.IP_ADDRESS))
                .containsExactly("2001:db8::8a2e:370:7334", "::1");
        assertThat(found("full 2001:0db8:0000:0000:0000:ff00:0042:8329 and ::ffff:192.0.2.128", PiiKind.IP_ADDRESS))
                .containsExactly("2001:0db8:0000:0000:0000:ff00:0042:8329", "::ffff:192.0.2.128");
        assertThat(found("at 12:30:45, std::vector<int> and a:b:c", PiiKind.IP_ADDRESS)).isEmpty();
        assertThat(PiiDetector.isIpv6("1:2:3:4:5:6:7")).as("seven groups without ::").isFalse();
        assertThat(PiiDetector.isIpv6("1::2::3")).isFalse();
        assertThat(PiiDetector.isIpv6("12345::1")).isFalse();
    }

    @Test
    void phoneNumbers() {
        assertThat(found("call +1 (415) 555-2671 now", PiiKind.PHONE)).containsExactly("+1 (415) 555-2671");
        assertThat(found("London +44 20 7946 0958.", PiiKind.PHONE)).containsExactly("+44 20 7946 0958");
        assertThat(found("office 415-555-2671", PiiKind.PHONE)).containsExactly("415-555-2671");
        assertThat(found("on 2024-01-15, 1 000 000 000 people, ISBN 978-3-16-148410-0, pi 3.14159", PiiKind.PHONE)).isEmpty();
        assertThat(found("route 192.168.100.200", PiiKind.PHONE)).as("an IP is not a phone").isEmpty();
    }

    @Test
    void secrets() {
        assertThat(found("key AKIAIOSFODNN7EXAMPLE here", PiiKind.SECRET)).containsExactly("AKIAIOSFODNN7EXAMPLE");
        String ghp = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
        assertThat(found("token=" + ghp, PiiKind.SECRET)).containsExactly(ghp);
        String pat = "github_pat_11ABCDEFG0123456789_abcdefghij";
        assertThat(found(pat, PiiKind.SECRET)).containsExactly(pat);
        assertThat(found("OPENAI_API_KEY=sk-proj-abc123DEF456ghi789JKL", PiiKind.SECRET))
                .containsExactly("sk-proj-abc123DEF456ghi789JKL");
        assertThat(found("xoxb-1234567890-abcdefghij", PiiKind.SECRET)).containsExactly("xoxb-1234567890-abcdefghij");
        assertThat(found("-----BEGIN RSA PRIVATE KEY-----\nMIIE", PiiKind.SECRET)).containsExactly("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(found("secret: Zq8XkP3vN7tL2mR9wB4yH6jD1sF5gC0aE8uK3oW7", PiiKind.SECRET))
                .containsExactly("Zq8XkP3vN7tL2mR9wB4yH6jD1sF5gC0aE8uK3oW7");
    }

    @Test
    void thingsThatLookLikeSecretsButAreNot() {
        assertThat(found("sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", PiiKind.SECRET))
                .as("a hex digest has no upper case and low entropy").isEmpty();
        assertThat(found("sk-this-is-not-a-key-at-all-really and ghp_short", PiiKind.SECRET)).isEmpty();
        assertThat(found("ThisIsAVeryLongIdentifierNameWithoutDigitsInIt and -----BEGIN PUBLIC KEY-----", PiiKind.SECRET)).isEmpty();
        assertThat(found("getUserAccountByIdentifierAndType2", PiiKind.SECRET)).as("an identifier with a digit").isEmpty();
    }

    @Test
    void rowMatchesNameTheirField() {
        var row = dev.modelfactory.ledger.dataset.Conversation.of(List.of(
                dev.modelfactory.ledger.dataset.Message.of(dev.modelfactory.ledger.dataset.Role.USER, "mail a@example.com"),
                dev.modelfactory.ledger.dataset.Message.of(dev.modelfactory.ledger.dataset.Role.ASSISTANT, "ok, 10.1.2.3")));
        assertThat(detector.find(row)).containsExactly(new PiiMatch(PiiKind.EMAIL, 0, 5, 18, "email"),
                new PiiMatch(PiiKind.IP_ADDRESS, 1, 4, 12, "ipv4"));
    }

    @Test
    void cleanProseHasNoMatches() {
        assertThat(all("The quick brown fox jumps over the lazy dog. In 1969, 3 astronauts flew 384,400 km.")).isEmpty();
    }
}
