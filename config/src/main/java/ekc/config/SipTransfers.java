package ekc.config;

import java.util.Map;

/**
 * Service codes an operator dials (REFER from the softphone, or DTMF ending with #) to transfer the
 * caller: {@code firstLine} + participant digit → that participant's first line (R16);
 * {@code secondLine} + participant digit → its second line for the caller's region (R17, R18).
 * {@code participants} maps the digit to a participant (SFR, ROSTRUD, MSE, OSZN).
 */
public record SipTransfers(String firstLine, String secondLine, Map<String, String> participants) {

    public SipTransfers {
        firstLine = firstLine != null ? firstLine : "*1";
        secondLine = secondLine != null ? secondLine : "*2";
        participants = participants != null ? Map.copyOf(participants)
                : Map.of("1", "SFR", "2", "ROSTRUD", "3", "MSE", "4", "OSZN");
        if (firstLine.equals(secondLine) || firstLine.startsWith(secondLine) || secondLine.startsWith(firstLine)) {
            throw new IllegalArgumentException("transfer codes must not be prefixes of each other: "
                    + firstLine + ", " + secondLine);
        }
        for (String code : new String[] {firstLine, secondLine}) {
            if (!code.matches("[*#0-9]{1,4}")) {
                throw new IllegalArgumentException("a transfer code is 1-4 of * # 0-9, not '" + code + "'");
            }
        }
    }
}
